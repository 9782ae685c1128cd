"""Signing in with a one-time code, and resetting a forgotten password, as people do it: the
code arrives on WhatsApp (the Cloud API emulator of tests/emulators/, driven over HTTP by the
real client) or by e-mail (Django's test outbox), through the API and through the pages of the
storefront and of the seller portal / console."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from backend.accounts.models import OneTimeCode
from tests.conftest import PASSWORD, make_user

PHONE = "+6281233334444"
SHOP = "/k/koperasi-a"
REQUEST = """mutation($login: String!) { requestSignInCode(login: $login,
    cooperative: "koperasi-a") { errors { field code } } }"""
WITH_CODE = """mutation($login: String!, $code: String!) { tokenCreateWithCode(login: $login,
    code: $code) { token user { phone } errors { field code } } }"""


@pytest.fixture
def ani(db):
    return make_user(phone=PHONE, email="ani@example.test", full_name="Ani Suryani")


def code_on_whatsapp(whatsapp_cloud, phone=PHONE) -> str:
    text = whatsapp_cloud.texts_to(phone)[-1]
    return re.search(r"\b(\d{6})\b", text).group(1)


def test_a_code_on_whatsapp_signs_in_once(gql, sent_at_once, whatsapp_cloud, ani):
    asked = sent_at_once(gql, REQUEST, {"login": "0812-3333-4444"})
    assert asked["requestSignInCode"]["errors"] == []
    text = whatsapp_cloud.texts_to(PHONE)[-1]
    assert text.startswith("Kode coop-mart Anda untuk Koperasi A adalah ")
    assert "Berlaku 5 menit" in text
    code = code_on_whatsapp(whatsapp_cloud)
    assert OneTimeCode.objects.get().code_hash != code  # kept only as a hash
    signed = gql(WITH_CODE, {"login": PHONE, "code": code})["tokenCreateWithCode"]
    assert signed["errors"] == [] and signed["token"]
    assert signed["user"] == {"phone": PHONE}
    again = gql(WITH_CODE, {"login": PHONE, "code": code})["tokenCreateWithCode"]
    assert again == {"token": None, "user": None,
                     "errors": [{"field": "code", "code": "INVALID_CODE"}]}


def test_wrong_codes_count_and_the_fifth_locks_the_code(gql, sent_at_once, whatsapp_cloud,
                                                       ani):
    sent_at_once(gql, REQUEST, {"login": PHONE})
    code = code_on_whatsapp(whatsapp_cloud)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        answer = gql(WITH_CODE, {"login": PHONE, "code": wrong}, REMOTE_ADDR="198.51.100.1")
        assert answer["tokenCreateWithCode"]["errors"] == [
            {"field": "code", "code": "INVALID_CODE"}]
    right = gql(WITH_CODE, {"login": PHONE, "code": code}, REMOTE_ADDR="198.51.100.2")
    assert right["tokenCreateWithCode"]["errors"] == [
        {"field": "code", "code": "TOO_MANY_TRIES"}]


def test_an_expired_code_is_refused(gql, sent_at_once, whatsapp_cloud, ani):
    sent_at_once(gql, REQUEST, {"login": PHONE})
    OneTimeCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    answer = gql(WITH_CODE, {"login": PHONE, "code": code_on_whatsapp(whatsapp_cloud)})
    assert answer["tokenCreateWithCode"]["errors"] == [
        {"field": "code", "code": "CODE_EXPIRED"}]


def test_an_unknown_number_gets_the_same_answers_and_no_message(gql, sent_at_once,
                                                               whatsapp_cloud, ani):
    stranger = "+6281299998888"
    for login in (PHONE, stranger):
        assert sent_at_once(gql, REQUEST, {"login": login})["requestSignInCode"] == {
            "errors": []}
        # A second code within the window is refused alike, account or not.
        assert gql(REQUEST, {"login": login})["requestSignInCode"]["errors"] == [
            {"field": "login", "code": "TOO_MANY_REQUESTS"}]
    assert whatsapp_cloud.texts_to(stranger) == []
    assert len(whatsapp_cloud.texts_to(PHONE)) == 1
    answer = gql(WITH_CODE, {"login": stranger, "code": "123456"})["tokenCreateWithCode"]
    assert answer["errors"] == [{"field": "code", "code": "INVALID_CODE"}]


def test_codes_are_limited_per_client_address(gql, settings, sent_at_once):
    settings.SEND_LIMIT_PER_ADDRESS = 2
    answers = [gql(REQUEST, {"login": f"+62812000011{i}"}, REMOTE_ADDR="203.0.113.5")
               ["requestSignInCode"]["errors"] for i in range(3)]
    assert answers == [[], [], [{"field": "login", "code": "TOO_MANY_REQUESTS"}]]
    other = gql(REQUEST, {"login": "+628120000119"}, REMOTE_ADDR="203.0.113.6")
    assert other["requestSignInCode"]["errors"] == []


def test_two_code_tries_in_one_request_are_refused(gql, db):
    both = """mutation { a: tokenCreateWithCode(login: "+6281233334444", code: "111111") {
        errors { code } } b: tokenCreateWithCode(login: "+6281233334444", code: "222222") {
        errors { code } } }"""
    body = gql.post(both)
    assert body["errors"][0]["extensions"]["code"] == "TOO_MANY_SIGN_IN_ATTEMPTS"


def test_a_shopper_signs_in_with_a_code_on_the_storefront(sent_at_once, whatsapp_cloud, ani):
    client = Client()
    sign_in = client.get(f"{SHOP}/akun/masuk/").content.decode()
    assert "Masuk dengan kode" in sign_in and "Lupa kata sandi?" in sign_in
    asked = sent_at_once(client.post, f"{SHOP}/akun/masuk/kode/", {"login": "081233334444"})
    assert asked.status_code == 302
    page = client.get(asked.url).content.decode()
    assert "+6281233334444" in page and "kode 6 angka" in page
    wrong = client.post(asked.url, {"code": "99999"})
    assert wrong.status_code == 400 and "Kodenya salah" in wrong.content.decode()
    done = client.post(asked.url, {"code": code_on_whatsapp(whatsapp_cloud)})
    assert done.status_code == 302 and done.url == f"{SHOP}/akun/"
    assert client.session["_auth_user_id"] == str(ani.pk)


def test_staff_sign_in_with_a_code_by_email_on_the_console_page(sent_at_once, manager_a):
    client = Client()
    assert "Masuk dengan kode" in client.get("/masuk/").content.decode()
    asked = sent_at_once(client.post, "/masuk/kode/", {"login": manager_a.email})
    assert asked.status_code == 302
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    assert mail.outbox[-1].to == [manager_a.email]
    done = client.post(asked.url, {"code": code})
    # The manager of one cooperative lands on its console, as after the password form.
    assert done.status_code == 302 and done.url == "/kelola/koperasi-a/"
    assert client.session["_auth_user_id"] == str(manager_a.pk)


def test_forgotten_password_reset_by_a_code_on_whatsapp(sent_at_once, whatsapp_cloud, ani, gql):
    client = Client()
    asked = sent_at_once(client.post, f"{SHOP}/akun/lupa-sandi/", {"login": "0812 3333 4444"})
    assert asked.status_code == 302 and asked.url == f"{SHOP}/akun/lupa-sandi/kode/"
    assert "atur ulang kata sandi" in whatsapp_cloud.texts_to(PHONE)[-1].lower() or \
        whatsapp_cloud.texts_to(PHONE)
    code = code_on_whatsapp(whatsapp_cloud)
    weak = client.post(asked.url, {"code": code, "password": "123"})
    assert weak.status_code == 400  # a weak password does not spend the code
    done = client.post(asked.url, {"code": code, "password": "Kripik-Tempe-2026"})
    assert done.status_code == 302
    assert client.session["_auth_user_id"] == str(ani.pk)
    ani.refresh_from_db()
    assert ani.check_password("Kripik-Tempe-2026") and not ani.check_password(PASSWORD)


def test_forgotten_password_reset_by_an_email_link_from_the_console_page(sent_at_once,
                                                                        manager_a):
    client = Client()
    assert "Lupa kata sandi?" in client.get("/masuk/").content.decode()
    page = sent_at_once(client.post, "/lupa-sandi/", {"login": manager_a.email})
    assert page.status_code == 200 and "Periksa email Anda" in page.content.decode()
    link = urlsplit(re.search(r"https?://\S+", mail.outbox[-1].body).group(0))
    assert mail.outbox[-1].to == [manager_a.email]
    form = client.get(f"{link.path}?{link.query}")
    assert form.status_code == 200
    params = dict(p.split("=", 1) for p in link.query.split("&"))
    done = client.post(link.path, {"email": manager_a.email, "token": params["token"],
                                   "password": "Kopi-Gayo-2026x",
                                   "password_again": "Kopi-Gayo-2026x"})
    assert done.status_code == 200
    manager_a.refresh_from_db()
    assert manager_a.check_password("Kopi-Gayo-2026x")


def test_the_api_resets_a_password_by_a_code_to_a_phone(gql, sent_at_once, whatsapp_cloud,
                                                        ani):
    asked = sent_at_once(gql, 'mutation { requestPasswordReset(login: "081233334444") '
                              '{ errors { code } } }', HTTP_HOST="a.example.test")
    assert asked["requestPasswordReset"]["errors"] == []
    reset = """mutation($code: String!) { setPasswordWithCode(login: "+6281233334444",
        code: $code, password: "Gula-Semut-2026") { token errors { field code } } }"""
    done = gql(reset, {"code": code_on_whatsapp(whatsapp_cloud)})["setPasswordWithCode"]
    assert done["errors"] == [] and done["token"]
    ani.refresh_from_db()
    assert ani.check_password("Gula-Semut-2026")


def test_old_codes_are_forgotten(gql, ani):
    from backend.accounts.codes import codes_purge

    gql(REQUEST, {"login": "+6281299997777"})
    assert codes_purge() == 0
    OneTimeCode.objects.update(expires_at=timezone.now() - timedelta(days=2))
    assert codes_purge() == 1 and not OneTimeCode.objects.exists()


def test_a_seller_gets_the_console_pages_code_on_their_cooperatives_whatsapp(
        sent_at_once, whatsapp_cloud, seller, coop_b):
    """Two cooperatives here, and /masuk/ names none: the seller's shop says whose WhatsApp."""
    seller.owner.phone = "+6281266667777"
    seller.owner.save()
    client = Client()
    asked = sent_at_once(client.post, "/masuk/kode/", {"login": "081266667777"})
    assert asked.status_code == 302
    assert "Koperasi A" in whatsapp_cloud.texts_to("+6281266667777")[-1]
    done = client.post(asked.url, {"code": code_on_whatsapp(whatsapp_cloud, "+6281266667777")})
    assert client.session["_auth_user_id"] == str(seller.owner.pk) and done.status_code == 302
