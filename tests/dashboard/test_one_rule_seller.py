"""The seller portal and the API share the permit warning window, who sees a seller's
money, and which variant is a product's "from" price."""

import datetime

import pytest
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
