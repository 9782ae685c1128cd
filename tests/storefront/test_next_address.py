"""A `next` address is followed only when it is a page of this site: a link that sends a
shopper to another site after adding to the cart or signing in must not work."""

import pytest

from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

A = "/k/koperasi-a"
ELSEWHERE = ["//evil.example", "https://evil.example", "/\\evil.example",
             "http://evil.example/k/koperasi-a/", "///evil.example", "abc", "/x\x00y"]


@pytest.mark.parametrize("next_address", ELSEWHERE)
def test_a_refused_cart_addition_never_leaves_the_site(client, emping, next_address):
    response = client.post(f"{A}/keranjang/tambah/", {
        "variant": emping.variants.get().pk, "quantity": 0, "next": next_address})
    assert response.status_code == 302 and response["Location"] == f"{A}/keranjang/"


def test_a_page_of_the_site_is_followed_after_a_refusal(client, emping):
    back = f"{A}/produk/{emping.slug}/"
    response = client.post(f"{A}/keranjang/tambah/", {
        "variant": emping.variants.get().pk, "quantity": 0, "next": back})
    assert response["Location"] == back  # "Choose at least 1." shown on the product page


@pytest.mark.parametrize("next_address", ELSEWHERE)
def test_signing_in_never_leaves_the_site(client, coop_a, next_address):
    make_user(email="siti@example.test")
    response = client.post(f"{A}/akun/masuk/?next=", {
        "login": "siti@example.test", "password": PASSWORD, "next": next_address})
    assert response.status_code == 302 and response["Location"] == f"{A}/akun/"


def test_signing_in_returns_to_the_page_asked_for(client, coop_a):
    make_user(email="siti@example.test")
    response = client.post(f"{A}/akun/masuk/", {
        "login": "siti@example.test", "password": PASSWORD, "next": f"{A}/pesanan/"})
    assert response["Location"] == f"{A}/pesanan/"
