from django.db import transaction

from backend.cooperatives.models import Cooperative

from .models import Location


@transaction.atomic
def location_upsert(cooperative: Cooperative, code: str, **fields) -> Location:
    location, _created = Location.objects.update_or_create(
        cooperative=cooperative, code=code, defaults=fields)
    return location
