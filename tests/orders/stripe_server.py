"""localstripe, a stateful Stripe API server, over real HTTP for the payment tests."""

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

WEBHOOK_SECRET = "whsec_coopmart_test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe_url():
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "localstripe", "--port", str(port),
                                "--from-scratch"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(url + "/v1/customers?limit=1", timeout=1).close()
            break
        except urllib.error.HTTPError:  # 401 without a key: it is up
            break
        except OSError as error:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("localstripe did not start") from error
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def stripe_on(settings, localstripe_url):
    settings.STRIPE_SECRET_KEY = "sk_test_coopmart"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_coopmart"
    settings.STRIPE_API_BASE = localstripe_url
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    return localstripe_url


def shopper_stripe(url):
    """The storefront's side (Stripe.js), through the real stripe library."""
    import stripe

    return stripe.StripeClient("sk_test_coopmart", base_addresses={"api": url},
                               max_network_retries=0)


def signed_event(event_type: str, obj: dict, *, event_id: str, secret=WEBHOOK_SECRET):
    """A webhook body and its Stripe-Signature header, made the way Stripe makes them."""
    import hashlib
    import hmac

    payload = json.dumps({"id": event_id, "object": "event", "type": event_type,
                          "created": int(time.time()), "data": {"object": obj}})
    timestamp = int(time.time())
    signature = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(),
                         hashlib.sha256).hexdigest()
    return payload, f"t={timestamp},v1={signature}"
