"""SMS written to the cooperative's number (BERHENTI / MULAI), posted by the Twilio emulator of
tests/emulators/sms.py (signed as Twilio documents) to the real webhook over HTTP; the console
page that turns WhatsApp and SMS on and off and keeps their keys encrypted; and the message a
shopper gets when the order is handed over."""

from django.test import Client

from messaging.models import ChannelSettings, Message, OptOut
from orders.services.lifecycle import order_hand_over, order_mark_paid
from tests.conftest import make_staff
from tests.emulators.fixtures import TWILIO_TOKEN, WHATSAPP_TOKEN
from tests.messaging.test_messages import GUEST_PHONE, _guest_order


def _sms_webhook(live_server, slug="koperasi-a"):
    return f"{live_server.url}/messaging/sms/{slug}/webhook/"


def test_berhenti_by_sms_stops_messages_and_is_answered_by_sms(
        live_server, connected_coop, whatsapp_cloud, sms_twilio, messages_sent_at_once):
    url = _sms_webhook(live_server)
    assert sms_twilio.post_incoming(url, GUEST_PHONE, "BERHENTI",
                                    auth_token="not-the-auth-token") == 403  # forged
    assert not OptOut.objects.exists()
    assert sms_twilio.post_incoming(url, GUEST_PHONE, " Berhenti ") == 200
    assert OptOut.objects.filter(cooperative=connected_coop, phone=GUEST_PHONE).exists()
    assert "tidak akan lagi menerima" in sms_twilio.texts_to(GUEST_PHONE)[-1]
    assert whatsapp_cloud.texts_to(GUEST_PHONE) == []  # answered where they wrote from
    assert sms_twilio.post_incoming(url, GUEST_PHONE, "MULAI") == 200
    assert not OptOut.objects.exists()
    assert "Balas BERHENTI" in sms_twilio.texts_to(GUEST_PHONE)[-1]
    assert Message.objects.filter(channel="sms", template="reply_help").count() == 1


def test_the_console_turns_channels_on_and_off_and_keeps_keys_secret(connected_coop,
                                                                      manager_a):
    client = Client()
    client.force_login(manager_a)
    url = "/kelola/koperasi-a/pesan/saluran/"
    page = client.get(url).content.decode()
    assert "/messaging/sms/koperasi-a/webhook/" in page
    assert WHATSAPP_TOKEN not in page and TWILIO_TOKEN not in page
    saved = client.post(url, {"sms_on": "on", "whatsapp_phone_number_id": "106540352242922",
                              "sms_provider": "twilio", "sms_account": "AC-new",
                              "sms_key": "new-twilio-token", "sms_sender": "KOPMART"},
                        follow=True)
    assert "Pengaturan saluran sudah disimpan" in saved.content.decode()
    stored = ChannelSettings.objects.get(cooperative=connected_coop)
    assert stored.channel_order == ["sms", "email"]  # WhatsApp off
    assert stored.whatsapp_token == WHATSAPP_TOKEN  # left empty: kept
    assert stored.sms_key == "new-twilio-token"
    assert "new-twilio-token" not in stored.sms_key_encrypted
    client.post(url, {"whatsapp_on": "on", "sms_on": "on", "sms_provider": "twilio",
                      "sms_account": "AC-new"})
    stored.refresh_from_db()
    assert stored.channel_order == ["whatsapp", "sms", "email"]
    other = Client()
    other.force_login(make_staff(connected_coop, "cashier"))
    assert other.get(url).status_code in (403, 404)


def test_a_shopper_is_told_when_the_order_is_handed_over(sent_at_once, whatsapp_cloud,
                                                         published):
    order = sent_at_once(_guest_order, published.cooperative, published)
    cashier = make_staff(order.cooperative, "cashier")
    sent_at_once(order_mark_paid, order, cashier)
    order.lines.update(fulfilment="ready")  # the seller packed it
    sent_at_once(order_hand_over, order, cashier, pickup_code=order.pickup_code)
    assert whatsapp_cloud.texts_to(GUEST_PHONE)[-1].startswith(
        f"Pesanan {order.number} sudah Anda terima. Terima kasih sudah berbelanja.")
