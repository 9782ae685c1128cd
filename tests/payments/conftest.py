"""Fixtures of the payment tests: the gateway emulators over real HTTP (one per session),
cooperatives connected to them, and orders placed to be paid online."""

import pytest

from inventory.models import Location
from inventory.services import stock_receive
from orders.services.checkout import checkout_complete, checkout_create, checkout_lines_set
from payments import qris
from payments.services import gateway_settings_update
from tests.conftest import make_user
from tests.emulators.midtrans import MidtransEmulator
from tests.emulators.xendit import XenditEmulator

MIDTRANS_KEY_A = "SB-Mid-server-koperasi-a"
MIDTRANS_KEY_B = "SB-Mid-server-koperasi-b"
XENDIT_KEY_A = "xnd_development_koperasi_a"
XENDIT_TOKEN_A = "callback-token-koperasi-a"
XENDIT_METHODS = ["qris", "va_bca", "va_bni", "va_bri", "va_mandiri", "va_permata", "ovo",
                  "dana", "shopeepay", "hosted"]
MIDTRANS_METHODS = ["qris", "va_bca", "va_bni", "va_bri", "va_mandiri", "va_permata", "gopay",
                    "shopeepay", "hosted"]


def static_qris_payload(name: str = "KOPERASI A") -> str:
    """A printed (static) QRIS as a cooperative's bank gives it: point of initiation 11."""
    body = ("000201010211"
            "26570011ID.DANA.WWW011893600915302259148102090225914810303UMI"
            "51440014ID.CO.QRIS.WWW0215ID10243228429300303UMI"
            f"520454995303360" f"5802ID59{len(name):02d}{name}6006SERANG61054211162070703A01"
            "6304")
    return body + qris.crc16(body)


@pytest.fixture(scope="session")
def midtrans_server():
    emulator = MidtransEmulator().start()
    yield emulator
    emulator.stop()


@pytest.fixture
def midtrans(midtrans_server, settings):
    settings.MIDTRANS_API_BASE = midtrans_server.url
    midtrans_server.merchant(MIDTRANS_KEY_A)
    midtrans_server.merchant(MIDTRANS_KEY_B)
    midtrans_server.notifications.clear()
    return midtrans_server


@pytest.fixture(scope="session")
def xendit_server():
    emulator = XenditEmulator().start()
    yield emulator
    emulator.stop()


@pytest.fixture
def xendit(xendit_server, settings):
    settings.XENDIT_API_BASE = xendit_server.url
    xendit_server.merchant(XENDIT_KEY_A, XENDIT_TOKEN_A)
    xendit_server.callbacks.clear()
    return xendit_server


def connect_xendit(cooperative, **extra):
    return gateway_settings_update(cooperative, provider="xendit", xendit_secret_key=XENDIT_KEY_A,
                                   xendit_callback_token=XENDIT_TOKEN_A,
                                   methods=XENDIT_METHODS, **extra)


def connect_midtrans(cooperative, key=MIDTRANS_KEY_A, **extra):
    extra.setdefault("methods", MIDTRANS_METHODS)
    return gateway_settings_update(cooperative, provider="midtrans", midtrans_server_key=key,
                                   midtrans_client_key="SB-Mid-client-x", **extra)


@pytest.fixture
def shop(coop_a, published):
    """Koperasi A's store with twenty packs of emping on the shelf, and a shopper."""
    store = Location.objects.create(cooperative=coop_a, name="Kopmart Serang", code="srg")
    variant = published.variants.get()
    stock_receive(variant, store, 20)
    return {"cooperative": coop_a, "store": store, "variant": variant,
            "shopper": make_user(email="pembeli@example.test", phone="+6281234500001")}


def place_order(shop, quantity: int = 1, method: str = "online"):
    """An order of emping (Rp25.000 a pack) to be paid online, placed through the services."""
    checkout = checkout_create(shop["cooperative"], shop["shopper"])
    checkout_lines_set(checkout, {shop["variant"].pk: quantity})
    return checkout_complete(checkout, shop["shopper"], method)
