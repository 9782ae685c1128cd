"""The one-second memory of public storefront answers (issue 20, backend/graphql/
response_cache.py): a listing asked again is answered from memory, never older than the
setting, never shared between people, and nothing personal or changing is kept."""

import json
import time

import pytest

from members.services.pricing import variant_prices_set
from tests.conftest import GraphQLClient, make_user

pytestmark = pytest.mark.django_db

LISTING = """{ products(cooperative: "koperasi-a", first: 10) {
  edges { node { name variants { price { amount } } } } } }"""


@pytest.fixture(autouse=True)
def memory_on(settings):
    from backend.graphql.response_cache import forget_all

    settings.RESPONSE_CACHE_SECONDS = 0.3
    forget_all()
    yield
    forget_all()


def _ask(client: GraphQLClient, document: str, **headers):
    extra = {**client.headers, **headers}
    if client.token:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {client.token}"
    response = client.client.post("/graphql/", json.dumps({"query": document}),
                                  content_type="application/json", **extra)
    return response.status_code, response.json(), response.get("X-Answered-From")


def _price(body) -> int:
    return body["data"]["products"]["edges"][0]["node"]["variants"][0]["price"]["amount"]


def test_a_listing_asked_again_comes_from_memory_and_a_new_price_within_the_setting(
        published):
    guest = GraphQLClient()
    status, first, source = _ask(guest, LISTING)
    assert status == 200 and source is None and _price(first) == 25000
    _status, again, source = _ask(guest, LISTING)
    assert source == "memory" and again == first
    variant_prices_set(published.variants.get(), 23000, None)
    time.sleep(0.35)  # the setting (0.3 s here, 1 s by default) has passed
    _status, after, source = _ask(guest, LISTING)
    assert source is None and _price(after) == 23000


def test_answers_are_never_shared_between_people(published):
    guest, shopper = GraphQLClient(), GraphQLClient().login(make_user(email="ani@example.test"))
    assert _ask(guest, LISTING)[2] is None
    assert _ask(shopper, LISTING)[2] is None  # the guest's answer is not the shopper's
    assert _ask(shopper, LISTING)[2] == "memory"
    assert _ask(guest, LISTING, HTTP_ACCEPT_LANGUAGE="en")[2] is None  # nor another language


def test_personal_roots_mutations_and_errors_are_always_executed(published):
    shopper = GraphQLClient().login(make_user(email="ani@example.test"))
    mixed = LISTING[:-1] + " me { email } }"
    for document in (mixed, "{ me { email } }", '{ products(first: 10) { totalCount } }',
                     'mutation { checkoutCreate(cooperative: "koperasi-a", lines: []) '
                     "{ errors { code } } }"):
        _ask(shopper, document)
        assert _ask(shopper, document)[2] is None, document
