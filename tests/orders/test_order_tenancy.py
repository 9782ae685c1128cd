"""Cooperative A's orders, refunds, delivery settings and payouts are out of reach of
cooperative B's manager (and of A's cashier where money is concerned)."""

import pytest
from django.utils import timezone
from graphql_relay import to_global_id

from inventory.models import Location
from orders.models import CourierRate, LocalDeliveryArea, SellerPayout
from orders.services.payouts import payouts_create
from tests.conftest import GraphQLClient, make_staff, make_user
from tests.orders.builders import paid_order_with_payout_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_things(coop_a, published, seller, category_a):
    store = Location.objects.create(cooperative=coop_a, name="Kopmart Cipare", code="cipare")
    order = paid_order_with_payout_entry(coop_a, seller, published.variants.get(), store,
                                         make_user(email="siti@example.test"))
    line = order.lines.get()
    payout = payouts_create(coop_a, period_end=timezone.localdate())[0]
    area = LocalDeliveryArea.objects.create(cooperative=coop_a, name="Serang", city="Serang",
                                            fee=5000)
    rate = CourierRate.objects.create(cooperative=coop_a, service="JNE", max_grams=1000,
                                      fee=9000)
    return {"Order": order, "SellerPayout": payout, "LocalDeliveryArea": area,
            "CourierRate": rate, "Category": category_a, "OrderLine": line}


def operations(ids):
    return {
        "orderRefund": 'mutation { orderRefund(id: "%s", reason: "x") { errors { code } } }'
                       % ids["Order"],
        "orderMarkDelivered": 'mutation { orderMarkDelivered(id: "%s") { errors { code } } }'
                              % ids["Order"],
        "localDeliveryAreaUpdate": 'mutation { localDeliveryAreaUpdate(id: "%s", input: {fee: 1})'
                                   " { errors { code } } }" % ids["LocalDeliveryArea"],
        "courierRateUpdate": 'mutation { courierRateUpdate(id: "%s", input: {fee: 1}) { errors {'
                             " code } } }" % ids["CourierRate"],
        "localDeliveryAreaCreate": 'mutation { localDeliveryAreaCreate(cooperative: "koperasi-a",'
                                   ' input: {name: "x", city: "x", fee: 1}) { errors { code } } }',
        "localDeliveryAreas": '{ localDeliveryAreas(first: 5, cooperative: "koperasi-a") { '
                              "edges { node { id } } } }",
        "courierRates": '{ courierRates(first: 5, cooperative: "koperasi-a") { edges { node { id'
                        " } } } }",
        "sellerPayouts": '{ sellerPayouts(first: 5, cooperative: "koperasi-a") { edges { node {'
                         " id } } } }",
        "sellerPayoutsCreate": 'mutation { sellerPayoutsCreate(cooperative: "koperasi-a", '
                               'periodEnd: "2026-01-31") { errors { code } } }',
        "sellerPayoutMarkPaid": 'mutation { sellerPayoutMarkPaid(id: "%s") { errors { code } } }'
                                % ids["SellerPayout"],
        "categoryCommissionSet": 'mutation { categoryCommissionSet(category: "%s", percent: "1")'
                                 " { errors { code } } }" % ids["Category"],
    }


@pytest.mark.parametrize("who", ["manager of B", "cashier of A"])
def test_others_cannot_touch_a_orders_money_or_delivery(a_things, coop_a, manager_b, who):
    person = manager_b if who == "manager of B" else make_staff(coop_a, "cashier")
    ids = {kind: to_global_id(kind, obj.pk) for kind, obj in a_things.items()}
    client = GraphQLClient().login(person)
    for name, query in operations(ids).items():
        if who == "cashier of A" and name == "orderMarkDelivered":
            continue  # cashiers do hand over and deliver (it is refused here by its status)
        body = client.post(query)
        payload = next(iter((body.get("data") or {}).values()), None) or {}
        # Refused; or told what anyone is told of an ID that names nothing, where the person
        # may not even see the object (B's manager; A's cashier for payouts).
        assert (body.get("errors") and body["errors"][0]["extensions"]["code"] ==
                "PERMISSION_DENIED") or [
                    e["code"] for e in payload.get("errors") or []] == ["NOT_FOUND"], (
            who, name, body)
    order = a_things["Order"]
    order.refresh_from_db()
    assert (order.status, order.refunded_total) == ("paid", 0)
    assert SellerPayout.objects.get().status == "open"
    assert LocalDeliveryArea.objects.get().fee == 5000 and CourierRate.objects.get().fee == 9000
    from orders.models import CategoryCommission

    assert not CategoryCommission.objects.exists()


def test_b_manager_sees_no_order_of_a(a_things, manager_b):
    client = GraphQLClient().login(manager_b)
    order_id = to_global_id("Order", a_things["Order"].pk)
    assert client('{ order(id: "%s") { number } }' % order_id)["order"] is None
    body = client.post('{ orders(first: 5, cooperative: "koperasi-a") { edges { node { id } } } }')
    assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
