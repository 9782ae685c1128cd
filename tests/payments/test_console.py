"""The manager console: connect the gateway (keys never shown again, the notification URLs
to register), the payments list, and a printed-QRIS payment confirmed by a staff member."""

import pytest

from orders.models import OrderStatus
from orders.services.online_payments import order_payment_start
from payments.services import gateway_settings_update

from .conftest import MIDTRANS_KEY_A, place_order, static_qris_payload

pytestmark = pytest.mark.django_db


def test_a_manager_connects_midtrans_and_confirms_a_printed_qris_payment(
        shop, manager_a, manager_b, client):
    client.force_login(manager_a)
    page = "/kelola/koperasi-a/pembayaran/pengaturan/"
    shown = client.get(page).content.decode()
    assert "/payments/koperasi-a/midtrans/notification/" in shown
    assert "/payments/koperasi-a/xendit/notification/" in shown
    saved = client.post(page, {"provider": "midtrans", "midtrans_server_key": MIDTRANS_KEY_A,
                               "midtrans_client_key": "SB-Mid-client-1",
                               "methods": ["qris", "va_bni", "static_qris"],
                               "fee_mode": "absorbed", "qris_expiry_minutes": 15,
                               "va_expiry_minutes": 1440,
                               "static_qris_payload": static_qris_payload()}, follow=True)
    text = saved.content.decode()
    assert "Server key Midtrans sudah tersimpan." in text
    assert MIDTRANS_KEY_A not in text
    settings = shop["cooperative"].gateway_settings
    assert settings.methods == ["qris", "va_bni", "static_qris"]
    # Saving again without the key keeps it.
    client.post(page, {"provider": "midtrans", "methods": ["qris", "static_qris"],
                       "fee_mode": "shown", "qris_expiry_minutes": 10,
                       "va_expiry_minutes": 1440,
                       "static_qris_payload": static_qris_payload()})
    settings.refresh_from_db()
    assert settings.midtrans_server_key == MIDTRANS_KEY_A and settings.fee_mode == "shown"

    order = place_order(shop)
    attempt = order_payment_start(order, "static_qris")
    listing = client.get("/kelola/koperasi-a/pembayaran/").content.decode()
    assert attempt.reference in listing
    client.post("/kelola/koperasi-a/pembayaran/", {"id": attempt.pk, "action": "confirm"})
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID

    client.force_login(manager_b)
    assert client.get("/kelola/koperasi-a/pembayaran/").status_code in (403, 404)


def test_a_fee_shown_to_the_shopper_is_added_to_the_amount(shop, midtrans, client):
    from .conftest import connect_midtrans

    connect_midtrans(shop["cooperative"], fee_mode="shown")
    order = place_order(shop)
    client.force_login(shop["shopper"])
    page = client.get(f"/k/koperasi-a/pesanan/{order.checkout_token}/").content.decode()
    assert "QRIS (biaya Rp175)" in page and "Virtual account BCA (biaya Rp4.000)" in page
    attempt = order_payment_start(order, "qris")
    assert (attempt.amount, attempt.fee) == (25175, 175)  # 0.7 % of Rp25.000
    gateway_settings_update(shop["cooperative"], fee_mode="absorbed")


def test_the_daily_settlement_per_gateway_and_method_downloads_as_xlsx(shop, manager_a,
                                                                        midtrans, client):
    import io

    from django.utils import timezone
    from openpyxl import load_workbook

    from payments.services import payment_attempt_sync

    from .conftest import connect_midtrans

    connect_midtrans(shop["cooperative"])
    for method in ("qris", "qris", "va_bca"):
        attempt = order_payment_start(place_order(shop), method)
        midtrans.simulate_pay(attempt.reference, notify=False)
        payment_attempt_sync(attempt)
    client.force_login(manager_a)
    page = client.get("/kelola/koperasi-a/pembayaran/setoran/").content.decode()
    assert "Rp50.000" in page and "Rp350" in page  # two QRIS: gross, 0.7 % fee
    day = timezone.localdate().isoformat()
    sheet = load_workbook(io.BytesIO(client.get(
        f"/kelola/koperasi-a/pembayaran/setoran/?sampai={day}&unduh=xlsx").content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert sorted(rows) == [["Midtrans", "QRIS", 2, 50000, 350, 0, 49650],
                            ["Midtrans", "Virtual account BCA", 1, 25000, 4000, 0, 21000]]
