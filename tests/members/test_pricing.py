"""Member prices: who gets them, which price wins, and that what is shown is what is paid."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from graphql_relay import to_global_id

from members.models import Member, PriceRule
from members.services.pricing import apply_rule
from tests.conftest import GraphQLClient, make_user

pytestmark = pytest.mark.django_db

PRODUCT = """query($id: ID!) { product(id: $id) {
  pricing { price { amount } memberPrice { amount formatted } isMemberPrice memberPriceNote }
  variants { sku pricing { price { amount } regularPrice { amount } memberPrice { amount }
  isMemberPrice } } } }"""


@pytest.fixture
def member_user(coop_a):
    user = make_user(email="anggota@example.test")
    Member.objects.create(cooperative=coop_a, member_number="A-1", full_name="Siti",
                          status="anggota", user=user, category="Reguler",
                          dues_paid_until=timezone.localdate())
    return user


def pricing_for(user, product):
    client = GraphQLClient()
    if user is not None:
        client.login(user)
    return client(PRODUCT, {"id": to_global_id("Product", product.pk)})["product"]


def rule(coop, **fields):
    fields.setdefault("name", "Diskon anggota")
    return PriceRule.objects.create(cooperative=coop, **fields)


def test_explicit_member_price_for_members_and_shown_to_others(gql, seller, published,
                                                               member_user):
    variant = published.variants.get()  # Rp25.000
    gql.login(seller.owner)
    set_price = gql('mutation { variantMemberPriceSet(id: "%s", price: 23500) { memberPrice '
                    "{ formatted } errors { code } } }" % to_global_id("ProductVariant",
                                                                      variant.pk))
    assert set_price["variantMemberPriceSet"] == {"memberPrice": {"formatted": "Rp23.500"},
                                                  "errors": []}
    member = pricing_for(member_user, published)["pricing"]
    assert member == {"price": {"amount": 23500.0}, "isMemberPrice": True,
                      "memberPrice": {"amount": 23500.0, "formatted": "Rp23.500"},
                      "memberPriceNote": None}
    anonymous = pricing_for(None, published)["pricing"]
    assert anonymous["price"] == {"amount": 25000.0} and anonymous["isMemberPrice"] is False
    assert anonymous["memberPrice"]["formatted"] == "Rp23.500"
    assert anonymous["memberPriceNote"] == "Tautkan keanggotaan Anda untuk mendapat harga anggota."


def test_the_best_price_wins_among_explicit_price_and_rules(seller, published, member_user,
                                                           coop_a, category_a):
    from members.services.pricing import variant_member_price_set

    variant = published.variants.get()  # Rp25.000
    variant_member_price_set(variant, 24000)
    rule(coop_a, kind="percent", value=Decimal("5"))  # 23.750
    rule(coop_a, kind="fixed", value=Decimal("2000"), category=category_a)  # 23.000
    rule(coop_a, kind="percent", value=Decimal("20"), seller=seller,  # 20.000, but over
         ends_at=timezone.now() - datetime.timedelta(days=1))
    rule(coop_a, kind="percent", value=Decimal("15"), member_categories=["Karyawan"])
    prices = pricing_for(member_user, published)["variants"][0]["pricing"]
    assert prices["price"] == {"amount": 23000.0} and prices["isMemberPrice"] is True
    Member.objects.filter(user=member_user).update(category="Karyawan")
    employee = pricing_for(member_user, published)["variants"][0]["pricing"]
    assert employee["price"] == {"amount": 21250.0}


def test_rounding_is_half_up_and_never_below_zero():
    assert apply_rule("percent", Decimal("10"), 12345) == 11111  # 11.110,5
    assert apply_rule("percent", Decimal("10"), 12335) == 11102  # 11.101,5
    assert apply_rule("fixed", Decimal("7000"), 5000) == 0


@pytest.mark.parametrize("change, note", [
    ({"dues_paid_until": datetime.date(2020, 1, 31)},
     "Simpanan wajib Anda tertunggak; lunasi agar mendapat harga anggota lagi."),
    ({"status": "calon_anggota"}, "Status keanggotaan Anda tidak mendapat harga anggota."),
    ({"is_active": False}, "Keanggotaan Anda tidak aktif di daftar anggota."),
])
def test_lapsed_or_ineligible_members_pay_the_regular_price_and_are_told_why(
        published, member_user, coop_a, change, note):
    rule(coop_a, kind="percent", value=Decimal("10"))
    Member.objects.filter(user=member_user).update(**change)
    pricing = pricing_for(member_user, published)["pricing"]
    assert pricing["price"] == {"amount": 25000.0} and pricing["isMemberPrice"] is False
    assert pricing["memberPrice"] == {"amount": 22500.0, "formatted": "Rp22.500"}
    assert pricing["memberPriceNote"] == note


def test_dues_within_the_grace_period_still_count(published, member_user, coop_a):
    rule(coop_a, kind="percent", value=Decimal("10"))
    coop_a.dues_grace_days = 30
    coop_a.save()
    Member.objects.filter(user=member_user).update(
        dues_paid_until=timezone.localdate() - datetime.timedelta(days=20))
    assert pricing_for(member_user, published)["pricing"]["isMemberPrice"] is True


def test_a_cooperative_without_member_pricing_shows_none(published, member_user, coop_a):
    rule(coop_a, kind="percent", value=Decimal("10"))
    coop_a.member_pricing_enabled = False
    coop_a.save()
    pricing = pricing_for(member_user, published)["pricing"]
    assert pricing["isMemberPrice"] is False and pricing["memberPrice"] is None


def test_member_price_must_be_below_the_regular_price_and_only_the_seller_sets_it(
        gql, seller, other_seller, published):
    variant_id = to_global_id("ProductVariant", published.variants.get().pk)
    query = 'mutation { variantMemberPriceSet(id: "%s", price: %s) { errors { field code } } }'
    too_high = gql.login(seller.owner)(query % (variant_id, 25000))["variantMemberPriceSet"]
    assert too_high["errors"] == [{"field": "price", "code": "INVALID"}]
    denied = gql.login(other_seller.owner).post(query % (variant_id, 20000))
    assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


def test_price_rules_are_managed_by_managers(gql, manager_a, seller, coop_a):
    create = """mutation($seller: ID!) { priceRuleCreate(cooperative: "koperasi-a", input: {
        name: "Hari Koperasi", kind: PERCENT, value: "12", seller: $seller, priority: 5}) {
        priceRule { id name kind value } errors { field code } } }"""
    variables = {"seller": to_global_id("Seller", seller.pk)}
    denied = gql.login(seller.owner).post(create, variables)
    assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    made = gql.login(manager_a)(create, variables)["priceRuleCreate"]
    assert made["priceRule"]["kind"] == "PERCENT" and made["errors"] == []
    bad = gql("""mutation { priceRuleCreate(cooperative: "koperasi-a", input: {name: "X",
        kind: PERCENT, value: "150"}) { errors { field code } } }""")["priceRuleCreate"]
    assert bad["errors"] == [{"field": "value", "code": "INVALID"}]
    listed = gql('{ priceRules(cooperative: "koperasi-a", first: 10) { totalCount } }')
    assert listed["priceRules"]["totalCount"] == 1


def test_a_member_listing_costs_a_few_more_queries_not_one_per_product(
        settings, tmp_path, django_assert_max_num_queries):
    from django.core.management import call_command

    from backend.cooperatives.models import Cooperative

    settings.MEDIA_ROOT = tmp_path
    call_command("populatedb", "--size", "60")
    serang = Cooperative.objects.get(slug="kopmart-serang")
    rule(serang, kind="percent", value=Decimal("5"))
    user = make_user(email="anggota@serang.test")
    Member.objects.create(cooperative=serang, member_number="S-1", full_name="Ani",
                          status="anggota", user=user)
    listing = """query($n: Int!) { products(cooperative: "kopmart-serang", first: $n) {
      edges { node { name pricing { price { formatted } memberPrice { formatted }
      isMemberPrice } variants { pricing { price { formatted } } } } } } }"""
    anonymous, member = GraphQLClient(), GraphQLClient().login(user)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for who, client in (("guest", anonymous), ("member", member)):
        for size in (5, 60):
            with CaptureQueriesContext(connection) as captured:
                data = client(listing, {"n": size})
            counts[who, size] = len(captured)
    assert all(e["node"]["pricing"]["isMemberPrice"] for e in data["products"]["edges"])
    assert counts["guest", 5] == counts["guest", 60]
    assert counts["member", 5] == counts["member", 60]
    # the member's record and the account behind the token: a constant two more
    assert counts["member", 60] <= counts["guest", 60] + 2
