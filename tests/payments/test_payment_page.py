"""The order's payment step in the storefront, without a browser: choose a way to pay, see
the virtual account number with the steps for ATM, mobile and internet banking in Bahasa
Indonesia, and "Cek lagi" (no JavaScript) turning the page to paid once Midtrans (the
emulator of tests/emulators/midtrans.py) says so."""

import pytest

from payments.models import PaymentAttempt

from .conftest import connect_midtrans, place_order

pytestmark = pytest.mark.django_db


def test_the_shopper_pays_by_virtual_account_and_checks_again(shop, midtrans, client):
    connect_midtrans(shop["cooperative"])
    order = place_order(shop)
    client.force_login(shop["shopper"])
    page = f"/k/koperasi-a/pesanan/{order.checkout_token}/"
    first = client.get(page).content.decode()
    assert "Pilih cara bayar" in first and "Virtual account BCA" in first and "GoPay" in first
    response = client.post(page + "bayar/", {"method": "va_bca"})
    assert response.status_code == 302
    shown = client.get(page).content.decode()
    attempt = PaymentAttempt.objects.get()
    assert attempt.instructions["va_number"] in shown and "Rp25.000" in shown
    assert "Di ATM BCA" in shown and "BCA mobile" in shown and "klikbca.com" in shown
    assert "Cek lagi" in shown and 'http-equiv="refresh"' in shown
    midtrans.simulate_pay(attempt.reference, notify=False)  # no notification yet
    assert client.get(page + "status/").json() == {"status": "unpaid", "payment": "pending"}
    checked = client.get(page + "?periksa=1").content.decode()
    assert "<strong>Lunas</strong>" in checked and "Cek lagi" not in checked
    assert client.get(page + "status/").json() == {"status": "paid", "payment": "paid"}


def test_a_way_the_cooperative_does_not_offer_is_refused_on_the_page(shop, midtrans, client):
    connect_midtrans(shop["cooperative"], methods=["qris"])
    order = place_order(shop)
    client.force_login(shop["shopper"])
    page = f"/k/koperasi-a/pesanan/{order.checkout_token}/"
    response = client.post(page + "bayar/", {"method": "va_bca"}, follow=True)
    assert "Cara bayar ini tidak tersedia di sini." in response.content.decode()
    qris = client.post(page + "bayar/", {"method": "qris"}, follow=True).content.decode()
    assert "<svg" in qris and "Bayar dengan QRIS" in qris
