"""Delivery to an Indonesian address, bank transfer with a receipt photo, and the card step,
through the storefront's forms."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from orders.models import LocalDeliveryArea, Order

pytestmark = pytest.mark.django_db

A = "/k/koperasi-a"
ADDRESS = {"recipient_name": "Ibu Siti", "street_address": "Jl. Raya Cipare No. 12",
           "rt_rw": "003/007", "village": "Cipare", "district": "Serang", "city": "Kota Serang",
           "province": "Banten", "postal_code": "42117", "phone": "0812-5555-6666"}


def _add(client, emping, quantity=1):
    client.post(f"{A}/keranjang/tambah/", {"variant": emping.variants.get().pk,
                                           "quantity": quantity})


def test_delivery_shows_options_for_the_address_then_places_the_order(client, emping, coop_a):
    LocalDeliveryArea.objects.create(cooperative=coop_a, name="Kota Serang", city="Serang",
                                     fee=10000)
    _add(client, emping)
    first = client.post(f"{A}/bayar/", {**ADDRESS, "receive": "delivery",
                                        "payment": "cash_on_delivery"})
    assert first.status_code == 400  # no option chosen yet: the options for the address appear
    page = first.content.decode()
    option = re.search(r'name="delivery_option" value="([^"]+)"', page).group(1)
    assert "Rp10.000" in page and 'value="Jl. Raya Cipare No. 12"' in page
    assert not Order.objects.exists()
    done = client.post(f"{A}/bayar/", {**ADDRESS, "receive": "delivery",
                                       "delivery_option": option,
                                       "payment": "cash_on_delivery"})
    assert done.status_code == 302, done.content.decode()[-3000:]
    order = Order.objects.get()
    assert (order.total, order.delivery_fee, order.city) == (35000, 10000, "Kota Serang")
    page = client.get(done["Location"]).content.decode()
    assert "Rp35.000" in page and "Jl. Raya Cipare No. 12" in page and "42117" in page
    assert '<meta name="robots" content="noindex">' in page


def test_a_wrong_postal_code_is_said_next_to_it(client, emping, coop_a):
    _add(client, emping)
    response = client.post(f"{A}/bayar/", {**ADDRESS, "postal_code": "421",
                                           "receive": "delivery", "payment": "cash_on_delivery"})
    page = response.content.decode()
    assert response.status_code == 400
    assert re.search(r'aria-invalid="true" aria-describedby="id_postal_code-error"[^>]*'
                     r'id="id_postal_code".*?<p class="error" role="alert" '
                     r'id="id_postal_code-error">Kode pos', page, re.S)


def _jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 200, 200)).save(buffer, "JPEG")
    return SimpleUploadedFile("struk.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_bank_transfer_shows_the_account_and_takes_the_receipt(client, emping, store_a, coop_a):
    coop_a.bank_transfer_instructions = "BRI 0123-01-000111-30-1 a.n. Koperasi A"
    coop_a.save()
    _add(client, emping)
    done = client.post(f"{A}/bayar/", {"email": "siti@example.test", "store": store_a.pk,
                                       "payment": "bank_transfer"})
    assert done.status_code == 302
    page = client.get(done["Location"]).content.decode()
    assert "BRI 0123-01-000111-30-1" in page and "Rp25.000" in page
    not_image = client.post(f"{done['Location']}bukti-transfer/", {
        "receipt": SimpleUploadedFile("struk.jpg", b"bukan gambar")})
    assert not_image.status_code == 400
    sent = client.post(f"{done['Location']}bukti-transfer/", {"receipt": _jpeg()})
    assert sent.status_code == 302
    order = Order.objects.get()
    assert order.payment_proof and order.status == "unpaid"
    assert "sedang memeriksa" in client.get(done["Location"]).content.decode()


def test_another_shoppers_order_page_is_not_found(client, emping, store_a):
    from tests.conftest import make_user

    owner = make_user(email="siti@example.test")
    client.force_login(owner)
    _add(client, emping)
    done = client.post(f"{A}/bayar/", {"store": store_a.pk, "payment": "pay_at_pickup"})
    client.logout()
    assert client.get(done["Location"]).status_code == 404


def test_card_payment_through_localstripe_pays_the_order(client, emping, store_a, stripe_on):
    """Real HTTP to localstripe. What is not real: Stripe.js and its Payment Element cannot
    load here, so the order page's test-mode button has the server confirm the PaymentIntent
    with Stripe's test card, as the Payment Element would."""
    _add(client, emping)
    done = client.post(f"{A}/bayar/", {"email": "siti@example.test", "store": store_a.pk,
                                       "payment": "card"})
    assert done.status_code == 302, done.content.decode()[-2000:]
    page = client.get(done["Location"]).content.decode()
    assert 'id="payment-element"' in page and "_secret_" in page
    assert client.post(f"{done['Location']}kartu-uji/").status_code == 302
    assert Order.objects.get().status == "paid"
    assert "Lunas" in client.get(done["Location"]).content.decode() or "Dibayar" in \
        client.get(done["Location"]).content.decode()


def test_without_a_test_server_there_is_no_test_card(client, emping, store_a, stripe_on,
                                                      settings):
    _add(client, emping)
    done = client.post(f"{A}/bayar/", {"email": "siti@example.test", "store": store_a.pk,
                                       "payment": "card"})
    settings.STRIPE_API_BASE = ""
    assert "kartu-uji" not in client.get(done["Location"]).content.decode()
    assert client.post(f"{done['Location']}kartu-uji/").status_code == 404


def test_a_voucher_lowers_the_total_shown_and_charged(client, emping, store_a, coop_a):
    from orders.services.vouchers import voucher_save

    voucher_save(coop_a, {"code": "HEMAT5", "kind": "fixed", "value": 5000})
    _add(client, emping, 2)
    client.post(f"{A}/keranjang/", {"voucher": "hemat5"})
    cart = client.get(f"{A}/keranjang/").content.decode()
    assert "-Rp5.000" in cart and "Rp45.000" in cart
    done = client.post(f"{A}/bayar/", {"phone": "0812-3456-7890", "store": store_a.pk,
                                       "payment": "pay_at_pickup"})
    assert Order.objects.get().total == 45000
    assert "Rp45.000" in client.get(done["Location"]).content.decode()
