"""A guest's cart becomes the shopper's on sign-in, and a guest sends the transfer receipt
with the order's token: the storefront and the API follow the same service and selector."""

import pytest
from graphql_relay import to_global_id

from orders.models import Checkout, Order
from tests.conftest import PASSWORD, GraphQLClient, make_user
from tests.fixtures_catalog import image_file

pytestmark = pytest.mark.django_db

A = "/k/koperasi-a"
ATTACH = """mutation($t: UUID!) { checkoutCustomerAttach(token: $t) { checkout { token
    lines { sku quantity unitPrice { amount } } } errors { field code } } }"""
UPLOAD = """mutation($t: UUID, $id: ID, $image: Upload!) { orderPaymentProofUpload(token: $t,
    id: $id, image: $image) { order { number } errors { field code } } }"""


def test_guest_cart_becomes_the_shoppers_on_the_page_and_through_the_api(
        client, emping, member_rule, register_member):
    siti = make_user(email="siti@example.test")
    register_member.user = siti
    register_member.save()
    variant = to_global_id("ProductVariant", emping.variants.get().pk)
    guest = GraphQLClient()
    token = guest('mutation { checkoutCreate(cooperative: "koperasi-a") { checkout { token } } }'
                  )["checkoutCreate"]["checkout"]["token"]
    guest("""mutation($t: UUID!, $v: ID!) { checkoutLinesAdd(token: $t, lines: [{variantId: $v,
        quantity: 2}]) { errors { code } } }""", {"t": token, "v": variant})
    assert guest.post(ATTACH, {"t": token})["errors"][0]["message"]  # sign in first
    shopper = GraphQLClient().login(siti)
    attached = shopper(ATTACH, {"t": token})["checkoutCustomerAttach"]
    assert attached == {"checkout": {"token": token, "lines": [
        {"sku": "EMP-250", "quantity": 2, "unitPrice": {"amount": 22500}}]}, "errors": []}
    other = GraphQLClient().login(make_user(email="orang@example.test"))
    assert other(ATTACH, {"t": token})["checkoutCustomerAttach"]["errors"] == [
        {"field": "token", "code": "NOT_FOUND"}]
    # The page: the same service when a guest with a cart signs in.
    client.post(f"{A}/keranjang/tambah/", {"variant": emping.variants.get().pk, "quantity": 1})
    page_cart = Checkout.objects.exclude(token=token).get()
    assert page_cart.user_id is None
    client.post(f"{A}/akun/masuk/", {"login": "siti@example.test", "password": PASSWORD})
    assert "Rp22.500" in client.get(f"{A}/keranjang/").content.decode()
    page_cart.refresh_from_db()
    assert page_cart.user_id == siti.pk  # the same cart, now hers, as through the API


def _refused(api: GraphQLClient, variables: dict) -> bool:
    """An upload that the API refuses (a top-level error, no payload)."""
    import json

    data = {"operations": json.dumps({"query": UPLOAD, "variables": variables}),
            "map": json.dumps({"0": ["variables.image"]}), "0": image_file()}
    extra = {"HTTP_AUTHORIZATION": f"Bearer {api.token}"} if api.token else {}
    body = api.client.post("/graphql/", data, **extra).json()
    return body["data"]["orderPaymentProofUpload"] is None and bool(body["errors"])


@pytest.fixture
def guest_transfer_order(client, emping, coop_a, store_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    coop_a.bank_transfer_instructions = "BRI 0123-01-000123-30-5 a.n. Koperasi A"
    coop_a.save()
    client.post(f"{A}/keranjang/tambah/", {"variant": emping.variants.get().pk, "quantity": 1})
    client.post(f"{A}/bayar/", {"email": "tamu@example.test", "receive": "pickup",
                                "store": store_a.pk,
                                "payment": "bank_transfer"})
    return Order.objects.get()


def test_a_guest_sends_the_receipt_with_the_orders_token_on_the_page_and_the_api(
        client, guest_transfer_order):
    order = guest_transfer_order
    assert order.user_id is None and order.status == "unpaid"
    api = GraphQLClient()
    sent = api.upload(UPLOAD, {"t": str(order.checkout_token)}, {"image": image_file()})
    assert sent["orderPaymentProofUpload"] == {"order": {"number": order.number}, "errors": []}
    order.refresh_from_db()
    assert order.payment_proof
    # Without the token a guest reaches nothing; by id, only the signed-in owner.
    assert _refused(api, {"id": to_global_id("Order", order.pk)})
    page = client.post(f"{A}/pesanan/{order.checkout_token}/bukti-transfer/",
                       {"receipt": image_file()})
    assert page.status_code == 302


def test_a_signed_in_shoppers_order_is_theirs_alone_by_token_too(client, emping, coop_a, store_a,
                                                                  settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    coop_a.bank_transfer_instructions = "BRI 0123"
    coop_a.save()
    owner = make_user(email="pemilik@example.test")
    client.force_login(owner)
    client.post(f"{A}/keranjang/tambah/", {"variant": emping.variants.get().pk, "quantity": 1})
    client.post(f"{A}/bayar/", {"receive": "pickup", "payment": "bank_transfer",
                                "store": store_a.pk})
    order = Order.objects.get()
    stranger = GraphQLClient().login(make_user(email="orang@example.test"))
    assert _refused(stranger, {"t": str(order.checkout_token)})
    mine = GraphQLClient().login(owner).upload(UPLOAD, {"id": to_global_id("Order", order.pk)},
                                               {"image": image_file()})
    assert mine["orderPaymentProofUpload"]["errors"] == []
