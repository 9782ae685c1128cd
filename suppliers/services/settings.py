from django.db import transaction
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from backend.validation import Problems

from ..models import SupplierSettings

SETTING_FIELDS = ("cost_change_threshold_percent", "sales_window_days", "safety_stock_days",
                  "cover_days")


def settings_of(cooperative) -> SupplierSettings:
    found = SupplierSettings.objects.of(cooperative).first()
    return found or SupplierSettings(cooperative=cooperative)


@transaction.atomic
def supplier_settings_update(cooperative, data: dict) -> SupplierSettings:
    problems = Problems()
    for name in SETTING_FIELDS:
        if name in data and not (isinstance(data[name], int) and 0 <= data[name] <= 1000):
            problems.add(name, _("Give a whole number from 0 to 1000."), CommonErrorCode.INVALID)
    if data.get("sales_window_days") == 0:
        problems.add("sales_window_days", _("Give at least one day."), CommonErrorCode.INVALID)
    problems.raise_if_any()
    found, _created = SupplierSettings.objects.get_or_create(cooperative=cooperative)
    for name in SETTING_FIELDS:
        if name in data:
            setattr(found, name, data[name])
    found.save()
    return found
