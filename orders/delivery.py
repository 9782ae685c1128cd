"""Delivery rates. Each provider offers the options it has for a checkout's address and
weight; settings.DELIVERY_RATE_PROVIDERS lists them, so a courier-rate service (RajaOngkir,
a courier's own API) is one more class with an `options` method."""

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from .models import CourierRate, DeliveryMethod, LocalDeliveryArea


@dataclass(frozen=True)
class DeliveryOption:
    method: str
    code: str
    name: str
    fee: int
    days: int | None = None


def _same(a: str, b: str) -> bool:
    def norm(text: str) -> str:
        text = " ".join((text or "").casefold().split())
        for prefix in ("kabupaten ", "kab. ", "kota ", "kecamatan ", "kec. "):
            text = text.removeprefix(prefix)
        return text

    return bool(a) and norm(a) == norm(b)


class LocalDeliveryRates:
    """The cooperative's riders: the district's own fee, else the whole city's."""

    def options(self, checkout, weight_grams: int) -> list[DeliveryOption]:
        areas = [a for a in LocalDeliveryArea.objects.of(checkout.cooperative).filter(
            is_active=True) if _same(a.city, checkout.city)]
        district = [a for a in areas if a.district and _same(a.district, checkout.district)]
        whole_city = [a for a in areas if not a.district]
        chosen = (district or whole_city)[:1]
        return [DeliveryOption(DeliveryMethod.LOCAL_DELIVERY, f"local:{a.pk}", a.name, a.fee, 1)
                for a in chosen]


class FlatCourierRates:
    """Weight-tiered flat rates per courier service, set by the cooperative."""

    def options(self, checkout, weight_grams: int) -> list[DeliveryOption]:
        best: dict[str, CourierRate] = {}
        tiers = CourierRate.objects.of(checkout.cooperative).filter(
            is_active=True, max_grams__gte=weight_grams).order_by("service", "max_grams")
        for tier in tiers:
            best.setdefault(tier.service, tier)
        return [DeliveryOption(DeliveryMethod.COURIER, f"courier:{t.pk}", t.service, t.fee,
                               t.days) for t in best.values()]


@cache
def _providers(paths: tuple[str, ...]):
    return [import_string(path)() for path in paths]


def delivery_options(checkout, weight_grams: int) -> list[DeliveryOption]:
    """Every option the providers have for this address, cheapest first."""
    if not checkout.city:
        return []
    options = [option for provider in _providers(tuple(settings.DELIVERY_RATE_PROVIDERS))
               for option in provider.options(checkout, weight_grams)]
    return sorted(options, key=lambda o: (o.fee, o.name))
