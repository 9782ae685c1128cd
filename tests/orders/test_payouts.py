"""Seller payouts: each completed line credits its seller less the cooperative's commission
(a category's own rate wins over the default); refunds after completion take back their part,
into the shopper's SHU purchases too; statements per period, marked paid by a manager."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from graphql_relay import to_global_id

from catalog.services import categories
from inventory.models import Location, MovementKind, Stock, StockMovement
from inventory.services import stock_receive
from members.models import PatronageEntry
from orders.models import PayoutEntry, SellerPayout, Voucher
from orders.services.checkout import (
    checkout_complete,
    checkout_create,
    checkout_lines_set,
    checkout_voucher_set,
)
from orders.services.lifecycle import order_hand_over, order_mark_paid
from orders.services.refunds import order_refund
from tests.conftest import GraphQLClient, make_staff, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def store(coop_a):
    return Location.objects.create(cooperative=coop_a, name="Kopmart Cipare", code="cipare")


@pytest.fixture
def chips(other_seller, category_a):
    from catalog.models import Product, ProductStatus
    from catalog.services import products

    child = categories.category_create(other_seller.cooperative, name="Keripik",
                                       parent=category_a)
    product = products.product_create(other_seller, {"name": "Keripik Singkong",
                                                     "category": child},
                                      [{"sku": "KRP-1", "price": 10000, "weight_grams": 100}])
    Product.objects.filter(pk=product.pk).update(status=ProductStatus.PUBLISHED)
    return product.variants.get()


@pytest.fixture
def manager(coop_a):
    return make_staff(coop_a)


def _completed_order(coop_a, store, manager, quantities, voucher=None):
    shopper = make_user(email=f"p{len(quantities)}{timezone.now().timestamp()}@example.test")
    for variant in quantities:
        stock_receive(variant, store, 10)
    checkout = checkout_create(coop_a, shopper)
    checkout_lines_set(checkout, {v.pk: q for v, q in quantities.items()})
    if voucher:
        checkout_voucher_set(checkout, voucher)
    order = checkout_complete(checkout, shopper)
    order_mark_paid(order, manager)
    order.refresh_from_db()
    order.lines.update(fulfilment="ready")  # the sellers packed them
    return order_hand_over(order, manager, pickup_code=order.pickup_code)


def test_completed_lines_credit_sellers_less_commission_and_a_category_rate_wins(
        gql, coop_a, store, manager, published, chips, seller, other_seller, category_a):
    gql.login(manager)
    rate = gql("""mutation($c: ID!) { categoryCommissionSet(category: $c, percent: "5") {
        percent errors { code } } }""", {"c": to_global_id("Category", category_a.pk)})
    assert rate["categoryCommissionSet"] == {"percent": "5.00", "errors": []}
    coop_a.default_commission_percent = Decimal("10")
    coop_a.save()
    # Emping sits in the category itself (5%); keripik in a child category inherits 5% too
    # until that child has its own rate.
    gql("""mutation($c: ID!) { categoryCommissionSet(category: $c, percent: "12.5") {
        errors { code } } }""", {"c": to_global_id("Category", chips.product.category_id)})
    _completed_order(coop_a, store, manager, {published.variants.get(): 2, chips: 3})
    entries = {e.seller_id: e for e in PayoutEntry.objects.all()}
    assert (entries[seller.pk].gross, entries[seller.pk].commission,
            entries[seller.pk].amount) == (50000, 2500, 47500)
    assert (entries[other_seller.pk].gross, entries[other_seller.pk].commission,
            entries[other_seller.pk].amount) == (30000, 3750, 26250)

    owner = GraphQLClient().login(seller.owner)
    balance = owner('{ sellerPayoutBalance(seller: "%s") { formatted } }'
                    % to_global_id("Seller", seller.pk))
    assert balance["sellerPayoutBalance"] == {"formatted": "Rp47.500"}
    peeking = owner.post('{ sellerPayoutBalance(seller: "%s") { formatted } }'
                         % to_global_id("Seller", other_seller.pk))
    assert peeking["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


def test_a_seller_voucher_is_the_sellers_promotion_a_cooperative_voucher_is_not(
        coop_a, store, manager, published, chips, seller, other_seller):
    Voucher.objects.create(cooperative=coop_a, code="YATI10", kind="fixed", value=10000,
                           seller=seller)
    Voucher.objects.create(cooperative=coop_a, code="KOPERASI", kind="percent", value=10)
    _completed_order(coop_a, store, manager, {published.variants.get(): 2}, voucher="YATI10")
    _completed_order(coop_a, store, manager, {chips: 2}, voucher="KOPERASI")
    gross = {e.seller_id: e.gross for e in PayoutEntry.objects.all()}
    assert gross == {seller.pk: 40000, other_seller.pk: 20000}


def test_a_refund_after_handover_returns_stock_and_takes_back_shu_and_seller_credit(
        gql, coop_a, store, manager, published, seller):
    variant = published.variants.get()
    order = _completed_order(coop_a, store, manager, {variant: 3})
    assert PatronageEntry.objects.get().amount == 75000
    refund = order_refund(order, manager, quantities={order.lines.get().pk: 1},
                          reason="Kemasan bocor")
    assert refund.amount == 25000
    order.refresh_from_db()
    assert (order.status, order.refunded_total) == ("partly_refunded", 25000)
    assert sorted(PatronageEntry.objects.values_list("amount", flat=True)) == [-25000, 75000]
    back = StockMovement.objects.get(kind=MovementKind.CUSTOMER_RETURN)
    assert back.quantity == 1 and Stock.objects.get(variant=variant).on_hand == 8
    entries = list(PayoutEntry.objects.order_by("pk").values_list("kind", "amount"))
    assert entries == [("sale", 67500), ("refund", -22500)]
    damaged = order_refund(order, manager, quantities={order.lines.get().pk: 1},
                           reason="Rusak", restock=False)
    assert damaged.amount == 25000
    assert StockMovement.objects.filter(kind=MovementKind.CUSTOMER_RETURN).count() == 1


def test_statements_per_period_marked_paid_and_refunds_after_payout_carry_over(
        gql, coop_a, store, manager, published, seller, coop_b, manager_b):
    variant = published.variants.get()
    order = _completed_order(coop_a, store, manager, {variant: 2})
    gql.login(manager)
    today = timezone.localdate().isoformat()
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    close = """mutation($d: Date!) { sellerPayoutsCreate(cooperative: "koperasi-a", periodEnd:
        $d) { payouts { id amount { amount } status seller { businessName } entries {
        orderNumber kind amount { amount } } } errors { field code } } }"""
    early = gql(close, {"d": future})["sellerPayoutsCreate"]
    assert early["errors"] == [{"field": "periodEnd", "code": "INVALID"}]
    closed = gql(close, {"d": today})["sellerPayoutsCreate"]["payouts"]
    assert closed == [{"id": closed[0]["id"], "amount": {"amount": 45000}, "status": "OPEN",
                       "seller": {"businessName": "Emping Bu Yati"},
                       "entries": [{"orderNumber": order.number, "kind": "SALE",
                                    "amount": {"amount": 45000}}]}]
    assert gql(close, {"d": today})["sellerPayoutsCreate"]["payouts"] == []  # nothing left

    other = GraphQLClient().login(manager_b)
    assert other("""{ sellerPayouts(first: 10, cooperative: "koperasi-b") { edges { node {
        id } } } }""")["sellerPayouts"]["edges"] == []
    denied = other.post('mutation { sellerPayoutMarkPaid(id: "%s") { errors { code } } }'
                        % closed[0]["id"])
    # another cooperative's statement is answered like one that does not exist
    assert denied["data"]["sellerPayoutMarkPaid"]["errors"] == [{"code": "NOT_FOUND"}]
    paid = gql("""mutation($id: ID!) { sellerPayoutMarkPaid(id: $id, reference: "TRF-0042") {
        payout { status paymentReference } errors { code } } }""", {"id": closed[0]["id"]})
    assert paid["sellerPayoutMarkPaid"] == {"payout": {"status": "PAID",
                                                       "paymentReference": "TRF-0042"},
                                            "errors": []}
    again = gql('mutation { sellerPayoutMarkPaid(id: "%s") { errors { code } } }'
                % closed[0]["id"])
    assert again["sellerPayoutMarkPaid"]["errors"] == [{"code": "INVALID_STATUS"}]

    order_refund(order, manager, quantities={order.lines.get().pk: 1}, reason="Retur")
    owner = GraphQLClient().login(seller.owner)
    mine = owner("""{ sellerPayouts(first: 5, seller: "%s") { edges { node { status amount {
        amount } } } } sellerPayoutBalance(seller: "%s") { amount } }"""
                 % ((to_global_id("Seller", seller.pk),) * 2))
    assert mine["sellerPayouts"]["edges"] == [{"node": {"status": "PAID",
                                                        "amount": {"amount": 45000}}}]
    assert mine["sellerPayoutBalance"] == {"amount": -22500}  # settled against the next sales
    assert gql(close, {"d": today})["sellerPayoutsCreate"]["payouts"] == []
    assert SellerPayout.objects.count() == 1
