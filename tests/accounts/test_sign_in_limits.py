"""Sign-in and password e-mails cannot be used as levers (issue 14, findings 1 and 4): one
password check per request, sign-in attempts capped per client address, password e-mails
capped per person and per address."""

import time

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail

from tests.conftest import PASSWORD, make_user
from tests.web_server import post_graphql, web_server

SIGN_IN = """mutation($login: String!, $password: String!) {
  tokenCreate(login: $login, password: $password) { token errors { field code } } }"""


def _sign_in(gql, login, password="salah-sekali", address="203.0.113.7"):
    return gql(SIGN_IN, {"login": login, "password": password},
               REMOTE_ADDR=address)["tokenCreate"]


def test_aliased_sign_ins_are_refused_before_any_password_is_hashed(transactional_db):
    """The probe of the finding, against the real server: 80 aliased sign-ins with logins
    that do not exist ran 54 s of Argon2 under gunicorn before. Hashing is what is tested
    here, so the server and the password use the real Argon2, not the suite's fast hasher."""
    siti = make_user(email="siti@example.test")
    siti.password = make_password(PASSWORD, hasher="argon2")
    siti.save(update_fields=["password"])
    aliases = " ".join(f'a{i}: tokenCreate(login: "x{i}@example.test", password: "x") '
                       "{ __typename }" for i in range(80))
    with web_server(COOPMART_FAST_PASSWORD_HASHING="0") as base:
        post_graphql(base, "{ __typename }")  # the worker has loaded the schema
        started = time.monotonic()
        status, body = post_graphql(base, "mutation { %s }" % aliases)
        elapsed = time.monotonic() - started
        print(f"80 aliased sign-ins refused in {elapsed * 1000:.0f} ms")
        assert status == 400 and "data" not in body
        assert "TOO_MANY_SIGN_IN_ATTEMPTS" in {e["extensions"]["code"] for e in body["errors"]}
        assert elapsed < 5, f"{elapsed:.1f} s: passwords were hashed"
        two = post_graphql(base, 'mutation { a: tokenCreate(login: "siti@example.test", '
                                 f'password: "{PASSWORD}") {{ token }} b: tokenCreate('
                                 'login: "x@example.test", password: "x") { token } }')[1]
        assert [e["extensions"]["code"] for e in two["errors"]] == [
            "TOO_MANY_SIGN_IN_ATTEMPTS"]
        one = post_graphql(base, SIGN_IN, {"login": "siti@example.test",
                                           "password": PASSWORD})[1]
        assert one["data"]["tokenCreate"]["token"]


@pytest.mark.django_db
def test_sign_in_attempts_are_capped_per_client_address_whatever_the_logins(gql, settings):
    settings.SIGN_IN_ATTEMPTS_PER_ADDRESS_PER_MINUTE = 4
    make_user(email="siti@example.test")
    for number in range(4):
        assert _sign_in(gql, f"orang{number}@example.test")["errors"] == [
            {"field": "login", "code": "INVALID_CREDENTIALS"}]
    # The right password does not get through either, from that address ...
    refused = _sign_in(gql, "siti@example.test", PASSWORD)
    assert refused == {"token": None, "errors": [{"field": "login", "code": "THROTTLED"}]}
    # ... while the same person from elsewhere signs in.
    assert _sign_in(gql, "siti@example.test", PASSWORD, address="198.51.100.9")["token"]


@pytest.mark.django_db
def test_failed_sign_ins_are_limited_per_client_address_across_logins(gql, settings):
    settings.SIGN_IN_FAILURES_PER_ADDRESS = 3
    make_user(email="siti@example.test")
    for number in range(3):
        _sign_in(gql, f"orang{number}@example.test")
    assert _sign_in(gql, "siti@example.test", PASSWORD)["errors"] == [
        {"field": "login", "code": "THROTTLED"}]


@pytest.mark.django_db
def test_the_web_sign_in_form_counts_against_the_same_address_limit(client, settings):
    settings.SIGN_IN_ATTEMPTS_PER_ADDRESS_PER_MINUTE = 2
    user = make_user(email="manajer@example.test")
    for _ in range(2):
        client.post("/masuk/", {"username": "lain@example.test", "password": "x"})
    client.post("/masuk/", {"username": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    client.post("/masuk/", {"username": user.email, "password": PASSWORD},
                REMOTE_ADDR="198.51.100.9")
    assert client.session["_auth_user_id"] == str(user.pk)


RESET = 'mutation { %s }'
RESET_ONE = 'r%d: requestPasswordReset(login: "ibu.ani@example.test") { errors { code } }'


@pytest.mark.worker
def test_ten_aliased_password_resets_send_one_mail(gql, celery_worker_thread):
    """The probe of the finding: 10 aliases in one anonymous request sent 10 e-mails."""
    make_user(email="ibu.ani@example.test")
    data = gql(RESET % " ".join(RESET_ONE % i for i in range(10)))
    codes = [data[f"r{i}"]["errors"] for i in range(10)]
    assert codes[0] == [] and codes[1:] == [[{"code": "TOO_MANY_REQUESTS"}]] * 9
    deadline = time.monotonic() + 20
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1)  # any further mail would have arrived by now
    assert [m.to for m in mail.outbox] == [["ibu.ani@example.test"]]


@pytest.mark.django_db
def test_password_resets_are_limited_the_same_for_unknown_logins_and_per_address(
        gql, settings, django_capture_on_commit_callbacks):
    settings.SEND_LIMIT_PER_ADDRESS = 3
    one = 'mutation($l: String!) { requestPasswordReset(login: $l) { errors { code } } }'

    def reset(login, address="203.0.113.7"):
        return gql(one, {"l": login}, REMOTE_ADDR=address)["requestPasswordReset"]["errors"]

    assert reset("nobody@example.test") == []
    assert reset("NOBODY@example.test") == [{"code": "TOO_MANY_REQUESTS"}]  # one login
    assert reset("someone@example.test") == []
    assert reset("more@example.test") == [{"code": "TOO_MANY_REQUESTS"}]  # the address
    make_user(email="ani@example.test")
    with django_capture_on_commit_callbacks(execute=False) as sent:
        assert reset("ani@example.test", address="198.51.100.9") == []
    assert len(sent) == 1
