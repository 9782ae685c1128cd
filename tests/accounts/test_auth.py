import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import jwt as pyjwt
import pytest
from django.core import mail

from backend.accounts.models import User
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

TOKEN_CREATE = """mutation($login: String!, $password: String!) {
  tokenCreate(login: $login, password: $password) {
    token refreshToken user { email phone } errors { field code message } } }"""
ME = "{ me { email phone fullName isOperator } }"


def sign_in(gql, login, password=PASSWORD):
    return gql(TOKEN_CREATE, {"login": login, "password": password})["tokenCreate"]


def test_sign_in_with_email_gives_tokens_that_open_me(gql):
    make_user(email="siti@example.test", full_name="Siti Aminah")
    result = sign_in(gql, "Siti@Example.test")
    assert result["errors"] == []
    gql.token = result["token"]
    assert gql(ME)["me"] == {"email": "siti@example.test", "phone": None,
                             "fullName": "Siti Aminah", "isOperator": False}


@pytest.mark.parametrize("typed", ["0812-3456-7890", "+62 812 3456 7890", "6281234567890"])
def test_sign_in_with_an_indonesian_phone_number_in_any_usual_form(gql, typed):
    make_user(phone="+6281234567890")
    result = sign_in(gql, typed)
    assert result["errors"] == []
    assert result["user"]["phone"] == "+6281234567890"


def test_wrong_password_is_a_plain_error_and_no_token(gql):
    make_user(email="budi@example.test")
    result = sign_in(gql, "budi@example.test", "salah-sandi")
    assert result["token"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [
        ("login", "INVALID_CREDENTIALS")]


def test_unknown_account_looks_the_same_as_a_wrong_password(gql):
    result = sign_in(gql, "nobody@example.test", "whatever-123")
    assert [e["code"] for e in result["errors"]] == ["INVALID_CREDENTIALS"]


def test_repeated_failures_lock_the_sign_in_even_with_the_right_password(gql, settings):
    make_user(email="budi@example.test")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(gql, "budi@example.test", "tebak-tebak")
    locked = sign_in(gql, "budi@example.test", PASSWORD)
    assert locked["token"] is None
    assert [e["code"] for e in locked["errors"]] == ["THROTTLED"]
    # Another person signing in from elsewhere is not affected.
    make_user(email="ani@example.test")
    assert sign_in(gql, "ani@example.test")["errors"] == []


def test_the_lock_counts_phone_forms_as_one_login(gql, settings):
    make_user(phone="+6281234567890")
    forms = ["081234567890", "+6281234567890", "6281234567890", "0812 3456 7890", "0812-3456-7890"]
    for typed in forms[: settings.AXES_FAILURE_LIMIT]:
        sign_in(gql, typed, "tebak-tebak")
    assert [e["code"] for e in sign_in(gql, "081234567890")["errors"]] == ["THROTTLED"]


def test_expired_access_token_is_refused_with_its_reason(gql, settings):
    user = make_user(email="budi@example.test")
    settings.JWT_ACCESS_TTL = timedelta(seconds=-5)
    gql.login(user)
    assert gql(ME)["me"] is None
    body = gql.post("mutation { passwordChange(oldPassword: \"x\", newPassword: \"y\") "
                    "{ errors { code } } }")
    assert body["errors"][0]["extensions"]["code"] == "JWT_SIGNATURE_EXPIRED"


def test_tampered_token_is_refused(gql, settings):
    user = make_user(email="budi@example.test")
    operator = make_user(email="boss@example.test", is_superuser=True)
    token = gql.login(user).token
    payload = pyjwt.decode(token, options={"verify_signature": False})
    payload["sub"] = str(operator.pk)  # try to become the operator
    forged_key = "a-forged-secret-that-is-long-enough-for-hs256"
    gql.token = pyjwt.encode(payload, forged_key, algorithm="HS256")
    assert gql(ME)["me"] is None
    verify = gql("mutation($t: String!) { tokenVerify(token: $t) { isValid errors { code } } }",
                 {"t": gql.token})["tokenVerify"]
    assert verify == {"isValid": False, "errors": [{"code": "JWT_INVALID_TOKEN"}]}


def test_refresh_token_gives_a_new_access_token_and_cannot_be_used_as_one(gql):
    make_user(email="budi@example.test")
    tokens = sign_in(gql, "budi@example.test")
    refreshed = gql("mutation($r: String!) { tokenRefresh(refreshToken: $r) "
                    "{ token user { email } errors { code } } }",
                    {"r": tokens["refreshToken"]})["tokenRefresh"]
    assert refreshed["errors"] == [] and refreshed["user"]["email"] == "budi@example.test"
    gql.token = tokens["refreshToken"]
    assert gql(ME)["me"] is None
    gql.token = refreshed["token"]
    assert gql(ME)["me"]["email"] == "budi@example.test"


def test_register_then_sign_in_with_the_phone(gql):
    data = gql("""mutation { accountRegister(input: {phone: "0857 1234 5678",
        password: "Kopi-Robusta-99", fullName: "Ujang"}) { user { phone } errors { code } } }""")
    assert data["accountRegister"] == {"user": {"phone": "+6285712345678"}, "errors": []}
    assert sign_in(gql, "085712345678", "Kopi-Robusta-99")["errors"] == []


def test_register_with_bad_input_reports_every_problem_and_creates_nothing(gql):
    make_user(email="taken@example.test")
    data = gql("""mutation { accountRegister(input: {email: "Taken@example.test",
        phone: "12345", password: "123"}) { user { email } errors { field code } } }""")
    errors = {(e["field"], e["code"]) for e in data["accountRegister"]["errors"]}
    assert ("email", "UNIQUE") in errors
    assert ("phone", "INVALID") in errors
    assert ("password", "PASSWORD_TOO_SHORT") in errors
    assert User.objects.count() == 1


def test_password_change_needs_the_current_password(gql):
    user = make_user(email="budi@example.test")
    gql.login(user)
    query = """mutation($old: String!, $new: String!) { passwordChange(oldPassword: $old,
        newPassword: $new) { errors { field code } } }"""
    wrong = gql(query, {"old": "bukan-ini", "new": "Gula-Aren-2026"})["passwordChange"]
    assert wrong["errors"] == [{"field": "oldPassword", "code": "INVALID_PASSWORD"}]
    old_refresh = sign_in(gql, "budi@example.test")["refreshToken"]
    changed = gql(query.replace("errors {", "token errors {"),
                  {"old": PASSWORD, "new": "Gula-Aren-2026"})["passwordChange"]
    assert changed["errors"] == [] and changed["token"]
    assert sign_in(gql, "budi@example.test", "Gula-Aren-2026")["errors"] == []
    # Whoever held the old tokens is signed out.
    refreshed = gql("mutation($r: String!) { tokenRefresh(refreshToken: $r) { errors { code } } }",
                    {"r": old_refresh})["tokenRefresh"]
    assert refreshed["errors"] == [{"code": "JWT_INVALID_TOKEN"}]


@pytest.mark.worker
def test_password_reset_email_is_sent_by_a_celery_worker_and_its_link_sets_the_password(
        gql, celery_worker_thread):
    user = make_user(email="ibu.ani@example.test", full_name="Ani Suryani")
    old_token = gql.login(user).token
    gql.token = None
    data = gql('mutation { requestPasswordReset(login: "ibu.ani@example.test") '
               '{ errors { code } } }')
    assert data["requestPasswordReset"]["errors"] == []
    message = _wait_for_mail()
    assert message.to == ["ibu.ani@example.test"]
    assert "kata sandi baru" in message.body
    link = urlsplit(re.search(r"https?://\S+", message.body).group(0))
    assert link.path == "/akun/sandi-baru/"
    params = parse_qs(link.query)
    assert params["email"] == ["ibu.ani@example.test"]
    token = params["token"][0]

    result = gql("""mutation($t: String!) { setPassword(email: "ibu.ani@example.test",
        token: $t, password: "Emping-Melinjo-7") { token errors { code } } }""",
                 {"t": token})["setPassword"]
    assert result["errors"] == [] and result["token"]
    assert sign_in(gql, "ibu.ani@example.test", "Emping-Melinjo-7")["errors"] == []
    # Old sessions are signed out, and the link works only once.
    gql.token = old_token
    assert gql(ME)["me"] is None
    gql.token = None
    again = gql("""mutation($t: String!) { setPassword(email: "ibu.ani@example.test",
        token: $t, password: "Another-Pass-88") { errors { code } } }""", {"t": token})
    assert again["setPassword"]["errors"] == [{"code": "INVALID_TOKEN"}]


def test_password_reset_for_unknown_email_answers_the_same(gql, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        data = gql('mutation { requestPasswordReset(login: "nobody@example.test") '
                   '{ errors { code } } }')
    assert data["requestPasswordReset"]["errors"] == []
    assert callbacks == []


@pytest.mark.parametrize("url", [
    "https://evil.example.com/reset",
    "https://evil.example.com\\@a.example.test/reset",
    "https://user@a.example.test/reset",
    "javascript://a.example.test/%0aalert(1)",
    "https://b.example.test/reset",  # another cooperative's storefront
])
def test_password_link_may_only_point_at_this_cooperatives_storefront(gql, coop_a, coop_b, url):
    make_user(email="budi@example.test")
    query = """mutation($url: String) { requestPasswordReset(login: "budi@example.test",
        redirectUrl: $url) { errors { field code } } }"""
    data = gql(query, {"url": url}, HTTP_HOST="a.example.test")
    assert data["requestPasswordReset"]["errors"] == [
        {"field": "redirectUrl", "code": "INVALID_REDIRECT_URL"}]
    ok = gql(query, {"url": "https://a.example.test/sandi"}, HTTP_HOST="a.example.test")
    assert ok["requestPasswordReset"]["errors"] == []


def _wait_for_mail(timeout: float = 20):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if mail.outbox:
            return mail.outbox[0]
        time.sleep(0.1)
    raise AssertionError("no e-mail was sent within the timeout")
