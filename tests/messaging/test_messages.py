"""Messages reach people where they read them: WhatsApp first, SMS next, e-mail last; logged,
sent by a real Celery worker after the change commits, retried, never twice. The WhatsApp Cloud
API and Twilio are HTTP emulators (tests/emulators/, each naming the documentation it
follows), driven by the real client code over HTTP."""

import re
import time

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client

from inventory.models import Location
from inventory.services import stock_receive
from messaging.models import Message, MessageState, OptOut
from messaging.services import message_send
from orders.models import Order
from orders.services.checkout import (
    checkout_complete,
    checkout_contact_set,
    checkout_create,
    checkout_lines_set,
)
from tests.conftest import make_cooperative
from tests.emulators.fixtures import WHATSAPP_VERIFY_TOKEN

GUEST_PHONE = "+6281299990001"


def _wait(condition, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def _settled(phone):
    return lambda: Message.objects.filter(phone=phone, state__in=["sent", "failed"]).exists()


def _guest_order(coop, published, phone="0812 9999 0001") -> Order:
    store = Location.objects.create(cooperative=coop, name="Kopmart Cipare", code="cipare")
    variant = published.variants.get()
    stock_receive(variant, store, 5)
    checkout = checkout_create(coop)
    checkout_lines_set(checkout, {variant.pk: 2})
    checkout_contact_set(checkout, phone=phone)
    return checkout_complete(checkout)


@pytest.mark.worker
def test_a_guests_pickup_code_reaches_their_whatsapp_in_bahasa_indonesia(
        celery_worker_thread, connected_coop, whatsapp_cloud, published):
    order = _guest_order(connected_coop, published)
    assert _wait(_settled(GUEST_PHONE))
    [text] = whatsapp_cloud.texts_to(GUEST_PHONE)
    assert text.startswith(f"Terima kasih! Pesanan Anda {order.number} (Rp50.000)")
    assert f"Kode ambil: {order.pickup_code} di Kopmart Cipare." in text
    link = re.search(r"http://\S+/pesanan/\S+/", text).group(0)  # the order's page
    page = Client().get(link.removeprefix(settings.PUBLIC_URL))
    assert page.status_code == 200 and order.pickup_code in page.content.decode()
    logged = Message.objects.get(phone=GUEST_PHONE)
    assert (logged.channel, logged.state, logged.tries) == ("whatsapp", "sent", 1)
    assert logged.provider_message_id.startswith("wamid.")


@pytest.mark.worker
def test_whatsapp_refusing_a_number_falls_back_to_sms(
        celery_worker_thread, connected_coop, whatsapp_cloud, sms_twilio, published):
    whatsapp_cloud.refused_numbers.add(GUEST_PHONE.lstrip("+"))
    order = _guest_order(connected_coop, published)
    assert _wait(_settled(GUEST_PHONE))
    assert order.pickup_code in sms_twilio.texts_to(GUEST_PHONE)[0]
    assert whatsapp_cloud.texts_to(GUEST_PHONE) == []
    logged = Message.objects.get(phone=GUEST_PHONE)
    assert (logged.channel, logged.state) == ("sms", "sent")
    assert logged.provider_message_id.startswith("SM")
    assert "131030" in logged.last_error  # why WhatsApp was passed over


@pytest.mark.worker
def test_a_provider_500_is_retried_with_backoff(celery_worker_thread, connected_coop,
                                                whatsapp_cloud, settings):
    settings.MESSAGE_RETRY_SECONDS = 0.2
    connected_coop.channel_settings.channel_order = ["whatsapp"]
    connected_coop.channel_settings.save()
    whatsapp_cloud.failures_to_come.extend([500, 503])
    with transaction.atomic():
        message = message_send(connected_coop, "order_paid",
                               {"number": "A-1", "total": "Rp5.000", "link": "x"},
                               phone=GUEST_PHONE)
    assert _wait(lambda: Message.objects.get(pk=message.pk).state == MessageState.SENT)
    message.refresh_from_db()
    assert message.tries == 3 and message.last_error == ""
    assert len(whatsapp_cloud.texts_to(GUEST_PHONE)) == 1


@pytest.mark.worker
def test_a_rolled_back_order_sends_nothing(celery_worker_thread, connected_coop,
                                           whatsapp_cloud, sms_twilio, published):
    with pytest.raises(RuntimeError), transaction.atomic():
        _guest_order(connected_coop, published)
        raise RuntimeError("the payment step failed")
    time.sleep(1)  # the worker would have sent within this time
    assert whatsapp_cloud.inbox == [] and sms_twilio.inbox == []
    assert not Message.objects.exists()


def test_a_message_is_sent_once_however_often_its_task_runs(
        db, connected_coop, whatsapp_cloud, django_capture_on_commit_callbacks):
    from messaging.delivery import message_deliver

    with django_capture_on_commit_callbacks(execute=False):
        message = message_send(connected_coop, "code_sign_in",
                               {"cooperative": "Koperasi A", "code": "123456", "minutes": 10},
                               phone=GUEST_PHONE)
    message_deliver(message.pk)
    message_deliver(message.pk)  # the task delivered again (acks late, worker restarted)
    assert len(whatsapp_cloud.texts_to(GUEST_PHONE)) == 1
    message.refresh_from_db()
    assert message.variables["code"] == "***"  # codes are not kept in the log

    # A worker killed between claiming the row and the provider's answer: not sent again.
    interrupted = message_send(connected_coop, "order_paid",
                               {"number": "A-2", "total": "Rp5.000", "link": "x"},
                               phone=GUEST_PHONE)
    Message.objects.filter(pk=interrupted.pk).update(state=MessageState.SENDING, tries=1)
    message_deliver(interrupted.pk)
    interrupted.refresh_from_db()
    assert (interrupted.state, interrupted.last_error_code) == ("failed", "interrupted")
    assert len(whatsapp_cloud.texts_to(GUEST_PHONE)) == 1


def _webhook(live_server, slug="koperasi-a"):
    return f"{live_server.url}/messaging/whatsapp/{slug}/webhook/"


def test_the_webhook_answers_metas_handshake_only_with_the_verify_token(client,
                                                                         connected_coop):
    url = "/messaging/whatsapp/koperasi-a/webhook/"
    ok = client.get(url, {"hub.mode": "subscribe", "hub.verify_token": WHATSAPP_VERIFY_TOKEN,
                          "hub.challenge": "1158201444"})
    assert ok.status_code == 200 and ok.content == b"1158201444"
    wrong = client.get(url, {"hub.mode": "subscribe", "hub.verify_token": "guess",
                             "hub.challenge": "1158201444"})
    assert wrong.status_code == 403


def test_a_forged_status_is_refused_and_a_signed_one_moves_the_log(
        live_server, connected_coop, whatsapp_cloud, messages_sent_at_once):
    with transaction.atomic():
        message = message_send(connected_coop, "order_paid",
                               {"number": "A-3", "total": "Rp5.000", "link": "x"},
                               phone=GUEST_PHONE)
    message.refresh_from_db()
    assert message.state == MessageState.SENT
    to = GUEST_PHONE.lstrip("+")
    read = whatsapp_cloud.status_notification(message.provider_message_id, "read", to)
    assert whatsapp_cloud.post_webhook(_webhook(live_server), read,
                                       secret="not-the-app-secret") == 403
    message.refresh_from_db()
    assert message.state == MessageState.SENT and message.read_at is None

    delivered = whatsapp_cloud.status_notification(message.provider_message_id, "delivered", to)
    assert whatsapp_cloud.post_webhook(_webhook(live_server), delivered) == 200
    message.refresh_from_db()
    assert message.state == MessageState.DELIVERED and message.delivered_at
    assert whatsapp_cloud.post_webhook(_webhook(live_server), read) == 200
    assert whatsapp_cloud.post_webhook(_webhook(live_server), delivered) == 200  # late, ignored
    message.refresh_from_db()
    assert message.state == MessageState.READ and message.read_at


def test_berhenti_stops_whatsapp_and_sms_but_not_a_code_asked_for(
        live_server, connected_coop, whatsapp_cloud, sms_twilio, messages_sent_at_once):
    to = GUEST_PHONE.lstrip("+")
    assert whatsapp_cloud.post_webhook(
        _webhook(live_server), whatsapp_cloud.incoming_notification(to, "halo")) == 200
    assert "Balas BERHENTI" in whatsapp_cloud.texts_to(GUEST_PHONE)[-1]  # the help text
    assert whatsapp_cloud.post_webhook(
        _webhook(live_server), whatsapp_cloud.incoming_notification(to, " berhenti ")) == 200
    assert OptOut.objects.filter(cooperative=connected_coop, phone=GUEST_PHONE).exists()
    assert "tidak akan lagi menerima" in whatsapp_cloud.texts_to(GUEST_PHONE)[-1]
    before = len(whatsapp_cloud.inbox)

    with transaction.atomic():
        news = message_send(connected_coop, "order_paid",
                            {"number": "A-4", "total": "Rp5.000", "link": "x"},
                            phone=GUEST_PHONE)
        code = message_send(connected_coop, "code_sign_in",
                            {"cooperative": "Koperasi A", "code": "654321", "minutes": 10},
                            phone=GUEST_PHONE)
    news.refresh_from_db()
    code.refresh_from_db()
    assert (news.state, news.last_error_code) == ("failed", "no_channel")
    assert sms_twilio.inbox == []
    assert code.state == "sent"  # asked for just now: a code still arrives
    assert len(whatsapp_cloud.inbox) == before + 1 and "654321" in whatsapp_cloud.inbox[-1]["text"]

    assert whatsapp_cloud.post_webhook(
        _webhook(live_server), whatsapp_cloud.incoming_notification(to, "MULAI")) == 200
    assert not OptOut.objects.filter(phone=GUEST_PHONE).exists()


def test_a_cooperative_without_channels_sends_e_mail_and_secrets_are_encrypted(
        db, connected_coop, mailoutbox, messages_sent_at_once,
        django_capture_on_commit_callbacks):
    stored = connected_coop.channel_settings
    stored.refresh_from_db()
    assert "EAAG" not in stored.whatsapp_token_encrypted
    assert stored.whatsapp_token == "EAAG-test-token"

    plain = make_cooperative("koperasi-tanpa-wa")
    with django_capture_on_commit_callbacks(execute=True):
        message = message_send(plain, "order_delivered", {"number": "B-1", "link": "x"},
                               phone=GUEST_PHONE, email="siti@example.test")
    message.refresh_from_db()
    assert (message.channel, message.state) == ("email", "sent")
    assert mailoutbox[-1].subject == "Pesanan B-1 sudah diterima"


def test_a_message_whose_task_was_lost_is_sent_by_the_sweep_once(
        db, connected_coop, whatsapp_cloud, messages_sent_at_once, settings,
        django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    from messaging.tasks import requeue_lost_messages

    settings.MESSAGE_STALE_SECONDS = 60
    with django_capture_on_commit_callbacks(execute=False):  # the task never reaches a worker
        lost = message_send(connected_coop, "order_paid",
                            {"number": "A-5", "total": "Rp5.000", "link": "x"},
                            phone=GUEST_PHONE)
        waiting = message_send(connected_coop, "order_paid",
                               {"number": "A-6", "total": "Rp5.000", "link": "x"},
                               phone="+6281299990002")
    assert requeue_lost_messages() == 0  # not stale yet
    Message.objects.filter(pk=lost.pk).update(due_at=timezone.now() - timedelta(minutes=2))
    Message.objects.filter(pk=waiting.pk).update(  # a retry's backoff still running
        due_at=timezone.now() + timedelta(minutes=10))
    assert requeue_lost_messages() == 1
    assert requeue_lost_messages() == 0
    lost.refresh_from_db()
    assert lost.state == "sent" and len(whatsapp_cloud.texts_to(GUEST_PHONE)) == 1
    assert Message.objects.get(pk=waiting.pk).state == "queued"
