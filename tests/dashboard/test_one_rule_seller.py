"""The seller portal and the API share the permit warning window, who sees a seller's
money, and which variant is a product's "from" price."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from graphql_relay import to_global_id

from catalog.services import products
from catalog.services.permits import permits_check
from inventory.services import stock_receive
from tests.conftest import GraphQLClient, make_staff

pytestmark = pytest.mark.django_db

WARNINGS = 'query($id: ID!) { seller(id: $id) { permitWarnings { permit daysLeft message } } }'


def test_permit_warnings_are_the_same_on_the_portal_the_api_and_the_daily_check(
        client, seller, manager_a):
    today = timezone.localdate()
    seller.halal_certificate_expires = today + datetime.timedelta(days=30)  # the last day
    seller.food_permit_expires = today - datetime.timedelta(days=2)
    seller.save()
    client.force_login(seller.owner)
    page = client.get(f"/penjual/{seller.pk}/").content.decode()
    api = GraphQLClient().login(seller.owner)(WARNINGS, {"id": to_global_id("Seller",
                                                                            seller.pk)})
    warnings = api["seller"]["permitWarnings"]
    assert [(w["permit"], w["daysLeft"]) for w in warnings] == [("halal", 30), ("food", -2)]
    for warning in warnings:
        assert warning["message"].replace("&", "") in page.replace("&amp;", "")
    assert permits_check(today) == {"warned": 1, "expired": 1, "hidden": 0}
    seller.halal_certificate_expires = today + datetime.timedelta(days=31)
    seller.save()
    assert "Sertifikat halal" not in client.get(f"/penjual/{seller.pk}/").content.decode()
    later = GraphQLClient().login(manager_a)(WARNINGS, {"id": to_global_id("Seller",
                                                                           seller.pk)})
    assert [w["permit"] for w in later["seller"]["permitWarnings"]] == ["food"]
    stranger = GraphQLClient().post(WARNINGS, {"id": to_global_id("Seller", seller.pk)})
    assert stranger["data"]["seller"]["permitWarnings"] is None


def test_who_sees_a_sellers_money_is_one_rule(client, seller, coop_a, manager_a):
    balance = 'query($s: ID!) { sellerPayoutBalance(seller: $s) { formatted } }'
    for person, allowed in ((seller.owner, True), (manager_a, True),
                            (make_staff(coop_a, "cashier"), False)):
        client.force_login(person)
        page = client.get(f"/penjual/{seller.pk}/pembayaran/").status_code
        api = GraphQLClient().login(person).post(balance, {"s": to_global_id("Seller",
                                                                              seller.pk)})
        assert (page == 200, "errors" not in api) == (allowed, allowed), person


def test_the_from_price_is_the_same_variant_on_the_card_and_in_the_api(client, published,
                                                                        coop_a):
    from inventory.models import Location

    store = Location.objects.create(cooperative=coop_a, name="Kopmart", code="k")
    products.variant_create(published, {"sku": "EMP-100", "name": "100 g", "price": 12000})
    products.variant_create(published, {"sku": "EMP-1K", "name": "1 kg", "price": 90000})
    for variant in published.variants.all():
        stock_receive(variant, store, 5)
    api = GraphQLClient()('query($id: ID!) { product(id: $id) { pricing { price { formatted } '
                          '} } }', {"id": to_global_id("Product", published.pk)})
    assert api["product"]["pricing"]["price"]["formatted"] == "Rp12.000"
    listing = client.get(f"/k/koperasi-a/kategori/{published.category.slug}/").content.decode()
    card = listing.split("Emping Melinjo Original")[1][:600]
    assert "Rp12.000" in card and "Rp25.000" not in card


def test_a_price_form_with_a_wrong_member_price_changes_neither_price(client, seller,
                                                                      published):
    """One service saves both prices in one transaction (the view used to open it)."""
    variant = published.variants.get()
    client.force_login(seller.owner)
    url = f"/penjual/{seller.pk}/produk/{published.pk}/varian/{variant.pk}/harga/"
    client.post(url, {"price": "20000", "member_price": "30000"})  # above the price
    variant.refresh_from_db()
    assert variant.price == 25000
    client.post(url, {"price": "20000", "member_price": "18000"})
    variant.refresh_from_db()
    assert variant.price == 20000 and variant.member_price.price == 18000


def test_arranging_photos_with_a_mistake_keeps_the_descriptions(client, seller, published,
                                                                settings, tmp_path):
    from catalog.models import ProductMedia
    from catalog.services.media import product_media_arrange
    from tests.fixtures_catalog import image_file

    settings.MEDIA_ROOT = tmp_path
    client.force_login(seller.owner)
    client.post(f"/penjual/produk/{published.pk}/foto/", {"image": image_file(), "alt": "Depan"})
    photo = ProductMedia.objects.get()
    with pytest.raises(ValidationError):  # a photo named twice
        product_media_arrange(published, [photo.pk, photo.pk], {photo.pk: "Belakang"})
    photo.refresh_from_db()
    assert photo.alt == "Depan"
