import pytest
from django.contrib.auth.tokens import default_token_generator

from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_the_emailed_link_opens_a_page_that_sets_the_password(client):
    user = make_user(email="ibu.ani@example.test")
    token = default_token_generator.make_token(user)
    page = client.get(f"/akun/sandi-baru/?email=ibu.ani@example.test&token={token}")
    assert page.status_code == 200
    assert "Pilih kata sandi baru" in page.content.decode()
    mismatch = client.post("/akun/sandi-baru/", {
        "email": "ibu.ani@example.test", "token": token, "password": "Emping-Melinjo-7",
        "password_again": "Emping-Melinjo-8"})
    assert mismatch.status_code == 400
    assert "Kedua kata sandi tidak sama." in mismatch.content.decode()
    done = client.post("/akun/sandi-baru/", {
        "email": "ibu.ani@example.test", "token": token, "password": "Emping-Melinjo-7",
        "password_again": "Emping-Melinjo-7"})
    assert done.status_code == 200
    assert "Kata sandi Anda sudah diganti" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password("Emping-Melinjo-7")


def test_a_used_or_forged_token_is_explained(client):
    make_user(email="budi@example.test")
    response = client.post("/akun/sandi-baru/", {
        "email": "budi@example.test", "token": "palsu-123", "password": "Emping-Melinjo-7",
        "password_again": "Emping-Melinjo-7"})
    assert response.status_code == 400
    assert "Tautan kata sandi ini tidak berlaku" in response.content.decode()
