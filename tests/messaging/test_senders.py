"""The messages other domains send, through messaging, as their people read them: an UMKM
seller hears of a rejected product (with the reason), an approved one and a paid payout on
WhatsApp (the Cloud API emulator); the staff who handle orders hear of a receipt to check."""

import datetime

from catalog.models import ProductStatus
from catalog.services.moderation import product_approve, product_reject
from orders.models import SellerPayout
from orders.services.lifecycle import order_payment_proof_upload
from orders.services.payouts import seller_payout_mark_paid
from tests.conftest import make_staff
from tests.fixtures_catalog import image_file
from tests.orders.test_bank_transfer import transfer_order  # noqa: F401  (fixture)

SELLER_PHONE = "+6281211112222"


def test_a_seller_hears_why_a_product_was_rejected_then_that_it_is_approved(
        sent_at_once, whatsapp_cloud, published, catalog_staff_a):
    published.status = ProductStatus.IN_REVIEW
    published.save()
    sent_at_once(product_reject, published, catalog_staff_a, "Foto kemasan buram")
    assert whatsapp_cloud.texts_to(SELLER_PHONE) == [
        "Produk Anda Emping Melinjo Original belum disetujui: Foto kemasan buram. Ubah di "
        "portal penjual lalu kirim lagi."]
    published.status = ProductStatus.IN_REVIEW
    published.save()
    sent_at_once(product_approve, published, catalog_staff_a)
    assert "sudah disetujui" in whatsapp_cloud.texts_to(SELLER_PHONE)[-1]


def test_a_seller_hears_that_a_payout_is_paid(sent_at_once, whatsapp_cloud, seller, coop_a):
    payout = SellerPayout.objects.create(
        cooperative=coop_a, seller=seller, period_start=datetime.date(2026, 11, 1),
        period_end=datetime.date(2026, 11, 30), gross=500000, commission=50000, amount=450000)
    sent_at_once(seller_payout_mark_paid, payout, make_staff(coop_a), reference="TRF-778")
    assert whatsapp_cloud.texts_to(SELLER_PHONE) == [
        "Kami sudah membayar Rp450.000 kepada Emping Bu Yati (referensi TRF-778)."]


def test_staff_hear_of_a_transfer_receipt_to_check(sent_at_once, transfer_order,  # noqa: F811
                                                   mailoutbox, manager_a, whatsapp_cloud):
    cashier = make_staff(transfer_order.cooperative, "cashier", email="kasir@example.test")
    sent_at_once(order_payment_proof_upload, transfer_order, transfer_order.user,
                 image_file("struk.jpg"))
    told = [m for m in mailoutbox if m.subject == "Bukti transfer perlu diperiksa"]
    assert [m.to for m in told] == [[manager_a.email]]  # cashiers do not handle orders
    assert cashier.email not in str([m.to for m in mailoutbox])
    assert f"/kelola/koperasi-a/pesanan/{transfer_order.number}/" in told[0].body
