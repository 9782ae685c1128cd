"""Demo delivery: the cooperative's riders in its own city, and two couriers' weight tiers."""

from .models import CourierRate, LocalDeliveryArea

COURIER_TIERS = {"JNE REG": [(1000, 11000), (3000, 22000), (10000, 55000)],
                 "J&T EZ": [(1000, 10000), (5000, 35000)]}


def populate_delivery(cooperative) -> None:
    city = cooperative.city or "Kota Serang"
    LocalDeliveryArea.objects.update_or_create(
        cooperative=cooperative, city=city, district="",
        defaults={"name": f"Antar koperasi {city}", "fee": 10000})
    if cooperative.district:
        LocalDeliveryArea.objects.update_or_create(
            cooperative=cooperative, city=city, district=cooperative.district,
            defaults={"name": f"Antar koperasi Kec. {cooperative.district}", "fee": 5000})
    for service, tiers in COURIER_TIERS.items():
        for max_grams, fee in tiers:
            CourierRate.objects.update_or_create(
                cooperative=cooperative, service=service, max_grams=max_grams,
                defaults={"fee": fee, "days": 2 if service == "JNE REG" else 3})
