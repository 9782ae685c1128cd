from django.core.management.base import BaseCommand

from backend.cooperatives.models import Cooperative
from backend.demo import populate, sign_ins


class Command(BaseCommand):
    help = "Create demo cooperatives, stores and staff (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=0,
                            help="Number of products to build for benchmarks (catalog).")
        parser.add_argument("--if-empty", action="store_true",
                            help="Only load when the database has no cooperative yet.")

    def handle(self, *args, size: int, if_empty: bool, **options):
        if if_empty and Cooperative.objects.exists():
            self.stdout.write("Demo data was loaded before.")
        else:
            populate(size=size)
            self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write("Demo sign-ins (email or phone, password):")
        for who, login, password in sign_ins():
            self.stdout.write(f"  {who:<55} {login:<32} {password}")
