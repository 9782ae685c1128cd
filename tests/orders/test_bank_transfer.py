"""Bank transfer: the shopper uploads the receipt, staff confirm or reject it. Receipts are
personal data: kept outside the public media folder and shown only to staff and the shopper."""


import pytest
from graphql_relay import to_global_id
from PIL import Image

from inventory.models import Location
from inventory.services import stock_receive
from orders.services.checkout import checkout_complete, checkout_create, checkout_lines_set
from tests.conftest import GraphQLClient, make_staff, make_user
from tests.fixtures_catalog import image_file

pytestmark = pytest.mark.django_db

UPLOAD = """mutation($id: ID!, $image: Upload!) { orderPaymentProofUpload(id: $id,
  image: $image) { order { paymentProofUrl } errors { field code } } }"""


@pytest.fixture
def transfer_order(coop_a, published, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    coop_a.bank_transfer_instructions = "BRI 0123-01-000123-30-5 a.n. Koperasi A"
    coop_a.save()
    store = Location.objects.create(cooperative=coop_a, name="Kopmart", code="k")
    stock_receive(published.variants.get(), store, 5)
    shopper = make_user(email="pembeli@example.test")
    checkout = checkout_create(coop_a, shopper)
    checkout_lines_set(checkout, {published.variants.get().pk: 1})
    return checkout_complete(checkout, shopper, "bank_transfer")


def receipt_with_gps():
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (6.0, 7.0, 30.0), 3: "E", 4: (106.0, 9.0, 0.0)}
    return image_file("struk.jpg", exif=exif)


def test_receipt_upload_review_and_confirmation(gql, coop_a, transfer_order, tmp_path,
                                                client):
    order_id = to_global_id("Order", transfer_order.pk)
    shopper = GraphQLClient().login(transfer_order.user)
    info = shopper('{ order(id: "%s") { bankTransferInstructions } }' % order_id)
    assert info["order"]["bankTransferInstructions"].startswith("BRI 0123")
    uploaded = shopper.upload(UPLOAD, {"id": order_id}, {"image": receipt_with_gps()})
    url = uploaded["orderPaymentProofUpload"]["order"]["paymentProofUrl"]
    assert url.endswith(f"/pesanan/{transfer_order.pk}/bukti-transfer/")
    transfer_order.refresh_from_db()
    stored = tmp_path / "private" / transfer_order.payment_proof.name
    assert stored.exists() and not list((tmp_path / "media").rglob("*.jpg"))
    assert Image.open(stored).getexif().get_ifd(0x8825) == {}

    path = f"/pesanan/{transfer_order.pk}/bukti-transfer/"
    client.force_login(make_user(email="orang.lain@example.test"))
    assert client.get(path).status_code == 403
    client.force_login(make_staff(coop_a, "cashier"))
    response = client.get(path)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"

    manager = GraphQLClient().login(make_staff(coop_a, "manager", email="m2@example.test"))
    rejected = manager('mutation { orderPaymentReject(id: "%s", reason: "Nominal kurang") { '
                       "order { paymentProofUrl } errors { code } } }" % order_id)
    assert rejected["orderPaymentReject"] == {"order": {"paymentProofUrl": None}, "errors": []}
    shopper.upload(UPLOAD, {"id": order_id}, {"image": image_file("struk2.jpg")})
    paid = manager('mutation { orderMarkPaid(id: "%s") { order { status } } }' % order_id)
    assert paid["orderMarkPaid"]["order"]["status"] == "PAID"


def test_only_the_shopper_uploads_and_only_real_images(transfer_order):
    order_id = to_global_id("Order", transfer_order.pk)
    stranger = GraphQLClient().login(make_user(email="orang@example.test"))
    import json

    body = stranger.client.post("/graphql/", {
        "operations": json.dumps({"query": UPLOAD, "variables": {"id": order_id,
                                                                  "image": None}}),
        "map": json.dumps({"0": ["variables.image"]}), "0": image_file()},
        HTTP_AUTHORIZATION=f"Bearer {stranger.token}").json()
    assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    from django.core.files.uploadedfile import SimpleUploadedFile

    shopper = GraphQLClient().login(transfer_order.user)
    fake = shopper.upload(UPLOAD, {"id": order_id},
                          {"image": SimpleUploadedFile("struk.jpg", b"bukan gambar")})
    assert fake["orderPaymentProofUpload"]["errors"][0]["code"] == "INVALID_IMAGE"


def test_no_bank_transfer_without_the_cooperatives_account(coop_a, published):
    store = Location.objects.create(cooperative=coop_a, name="Kopmart", code="k")
    stock_receive(published.variants.get(), store, 5)
    checkout = checkout_create(coop_a, email="a@example.test")
    checkout_lines_set(checkout, {published.variants.get().pk: 1})
    with pytest.raises(Exception) as caught:
        checkout_complete(checkout, None, "bank_transfer")
    assert caught.value.error_dict["payment_method"][0].code == "invalid"
