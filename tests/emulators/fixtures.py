"""Fixtures: the WhatsApp Cloud API and Twilio emulators over real HTTP, and a cooperative
connected to them (WhatsApp first, then SMS, then e-mail)."""

import pytest

from messaging.services import channel_settings_update
from messaging.templates import whatsapp_template_definitions

from .sms import TwilioEmulator
from .whatsapp import WhatsAppCloudEmulator

WHATSAPP_PHONE_NUMBER_ID = "106540352242922"
WHATSAPP_TOKEN = "EAAG-test-token"
WHATSAPP_APP_SECRET = "app-secret-koperasi-a"
WHATSAPP_VERIFY_TOKEN = "verify-koperasi-a"
TWILIO_SID, TWILIO_TOKEN = "AC0123456789abcdef0123456789abcdef", "twilio-auth-token"


@pytest.fixture(scope="session")
def whatsapp_cloud_server():
    emulator = WhatsAppCloudEmulator(WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_TOKEN,
                                     WHATSAPP_APP_SECRET, whatsapp_template_definitions())
    yield emulator.start()
    emulator.stop()


@pytest.fixture(scope="session")
def twilio_server():
    emulator = TwilioEmulator(TWILIO_SID, TWILIO_TOKEN)
    yield emulator.start()
    emulator.stop()


@pytest.fixture
def whatsapp_cloud(whatsapp_cloud_server, settings):
    settings.WHATSAPP_API_BASE = whatsapp_cloud_server.url
    whatsapp_cloud_server.inbox.clear()
    whatsapp_cloud_server.refused_numbers.clear()
    whatsapp_cloud_server.failures_to_come.clear()
    return whatsapp_cloud_server


@pytest.fixture
def sms_twilio(twilio_server, settings):
    settings.TWILIO_API_BASE = twilio_server.url
    twilio_server.inbox.clear()
    return twilio_server


def connect_channels(cooperative):
    return channel_settings_update(
        cooperative, channel_order=["whatsapp", "sms", "email"],
        whatsapp_phone_number_id=WHATSAPP_PHONE_NUMBER_ID, whatsapp_token=WHATSAPP_TOKEN,
        whatsapp_app_secret=WHATSAPP_APP_SECRET, whatsapp_verify_token=WHATSAPP_VERIFY_TOKEN,
        sms_provider="twilio", sms_account=TWILIO_SID, sms_key=TWILIO_TOKEN,
        sms_sender="KOPMART")


@pytest.fixture
def connected_coop(coop_a, whatsapp_cloud, sms_twilio):
    connect_channels(coop_a)
    return coop_a


@pytest.fixture
def messages_sent_at_once():
    """For tests without a worker thread: the delivery task runs in the caller when the
    transaction commits (the same task code a worker runs)."""
    from backend.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False



@pytest.fixture
def sent_at_once(connected_coop, messages_sent_at_once, django_capture_on_commit_callbacks):
    """`sent_at_once(action, *args)`: run it, then deliver what it queued to the emulators."""
    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)
    return run
