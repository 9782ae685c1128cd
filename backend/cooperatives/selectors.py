from .models import Cooperative


def cooperative_by_slug(slug: str) -> Cooperative | None:
    return Cooperative.objects.filter(slug=slug, is_active=True).first()


def cooperative_for_host(host: str) -> Cooperative | None:
    host = host.split(":")[0].lower().rstrip(".")
    if not host:
        return None
    return Cooperative.objects.filter(host_names__contains=[host], is_active=True).first()


def cooperative_list():
    return Cooperative.objects.all()
