from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from backend.cooperatives.models import Cooperative
from catalog.models import Product
from catalog.search import elasticsearch_enabled, search_index_rebuild


class Command(BaseCommand):
    help = ("Rebuild the product search index of one cooperative (--cooperative SLUG) or of "
            "all, with a progress bar. On Elasticsearch: into a new index, then the alias "
            "moves, so search never goes empty.")

    def add_arguments(self, parser):
        parser.add_argument("--cooperative", help="The cooperative's slug; all when left out.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, cooperative=None, no_progress=False, **options):
        cooperatives = Cooperative.objects.order_by("slug")
        if cooperative:
            cooperatives = cooperatives.filter(slug=cooperative)
            if not cooperatives.exists():
                raise CommandError(f"No cooperative with the slug {cooperative!r}.")
        backend = "Elasticsearch" if elasticsearch_enabled() else "PostgreSQL"
        for coop in cooperatives:
            total = Product.objects.of(coop).count()
            with tqdm(total=total, desc=coop.slug, unit="product", file=self.stderr,
                      disable=no_progress, dynamic_ncols=True) as bar:
                indexed = search_index_rebuild(coop, progress=bar.update)
            self.stdout.write(f"{coop.slug}: {indexed} products indexed ({backend}).")
