"""The console's message log: a manager sees what failed and why, filters, and sends a failed
message again once WhatsApp (the Cloud API emulator) is back; other cooperatives' managers
and cashiers see nothing."""

import pytest
from django.db import transaction

from messaging.models import Message
from messaging.services import message_send
from tests.conftest import make_staff

URL = "/kelola/koperasi-a/pesan/"


@pytest.fixture(autouse=True)
def _fast_retries(settings):
    settings.MESSAGE_RETRY_SECONDS = 0


def test_a_manager_finds_a_failed_message_and_sends_it_again(
        client, manager_a, manager_b, connected_coop, whatsapp_cloud, messages_sent_at_once,
        django_capture_on_commit_callbacks):
    connected_coop.channel_settings.channel_order = ["whatsapp"]
    connected_coop.channel_settings.save()
    whatsapp_cloud.failures_to_come.extend([503] * 6)
    with django_capture_on_commit_callbacks(execute=True):
        message_send(connected_coop, "order_ready", {"number": "KA-7", "store": "Cipare",
                                                     "link": "x"}, phone="0812 9999 0007")
    with transaction.atomic():  # inside the test's transaction: stays queued
        message_send(connected_coop, "order_paid", {"number": "KA-8", "total": "Rp5.000",
                                                    "link": "x"}, phone="0812 9999 0008")
    failed = Message.objects.get(template="order_ready")
    assert failed.state == "failed"

    client.force_login(manager_a)
    page = client.get(URL, {"state": "failed"}).content.decode()
    assert "order_ready" in page and "order_paid" not in page
    assert "HTTP 503" in page and "Kirim ulang" in page and "6 kali coba" in page
    assert "order_paid" in client.get(URL, {"q": "0812-9999-0008"}).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(URL, {"retry": failed.pk}, follow=True)
    assert "Pesan akan dikirim ulang." in sent.content.decode()
    failed.refresh_from_db()
    assert failed.state == "sent" and whatsapp_cloud.texts_to("+6281299990007")

    client.force_login(manager_b)
    assert client.get(URL).status_code == 403
    assert client.post("/kelola/koperasi-b/pesan/", {"retry": failed.pk}).status_code == 404
    client.force_login(make_staff(connected_coop, "cashier"))
    assert client.get(URL).status_code == 403
