"""A guest finds an order again with the phone given at checkout and the order number, after
a code sent to that phone (the WhatsApp Cloud API emulator of tests/emulators/, over HTTP);
and the wa.me buttons to chat the seller or the cooperative."""

import re
from urllib.parse import parse_qs, urlsplit

from django.test import Client

from messaging.models import Message
from tests.messaging.test_messages import GUEST_PHONE, _guest_order

A = "/k/koperasi-a"
REQUEST = """mutation($phone: String!, $number: String!) { orderLookupRequest(
    cooperative: "koperasi-a", phone: $phone, number: $number) { errors { field code } } }"""
OPEN = """mutation($phone: String!, $number: String!, $code: String!) { orderLookupOpen(
    cooperative: "koperasi-a", phone: $phone, number: $number, code: $code) {
    token order { number pickupCode } errors { field code } } }"""


def last_code(whatsapp_cloud, phone=GUEST_PHONE) -> str:
    return re.search(r"\b(\d{6})\b", whatsapp_cloud.texts_to(phone)[-1]).group(1)


def test_a_guest_finds_the_order_again_with_a_code(sent_at_once, whatsapp_cloud, published):
    order = sent_at_once(_guest_order, published.cooperative, published)
    client = Client()
    signed_out = client.get(f"{A}/pesanan/", follow=True).content.decode()
    assert "Pesan tanpa akun? Cari pesanan Anda" in signed_out
    asked = sent_at_once(client.post, f"{A}/pesanan/cari/",
                         {"phone": "0812-9999-0001", "number": order.number.lower()})
    assert asked.status_code == 302
    code_page = client.get(asked.url).content.decode()
    assert order.number in code_page and order.pickup_code not in code_page
    text = whatsapp_cloud.texts_to(GUEST_PHONE)[-1]
    assert text.startswith("Kode coop-mart Anda untuk Koperasi A adalah ")
    wrong = client.post(asked.url, {"code": "000000" if last_code(whatsapp_cloud) != "000000"
                                    else "111111"})
    assert wrong.status_code == 400
    shown = client.post(asked.url, {"code": last_code(whatsapp_cloud)}, follow=True)
    assert shown.redirect_chain[-1][0] == f"{A}/pesanan/{order.checkout_token}/"
    assert order.pickup_code in shown.content.decode()


def test_a_wrong_pair_gets_the_same_answer_and_no_code(sent_at_once, whatsapp_cloud,
                                                        published, gql):
    order = sent_at_once(_guest_order, published.cooperative, published)
    before = len(whatsapp_cloud.inbox)
    answer = sent_at_once(gql, REQUEST, {"phone": "081299990002", "number": order.number})
    assert answer["orderLookupRequest"]["errors"] == []
    assert len(whatsapp_cloud.inbox) == before
    assert not Message.objects.filter(template="code_order_lookup").exists()
    opened = gql(OPEN, {"phone": "081299990002", "number": order.number, "code": "123456"})
    assert opened["orderLookupOpen"]["errors"] == [{"field": "code", "code": "INVALID_CODE"}]


def test_the_api_opens_a_guest_order_with_the_code(sent_at_once, whatsapp_cloud, published,
                                                   gql):
    order = sent_at_once(_guest_order, published.cooperative, published)
    variables = {"phone": GUEST_PHONE, "number": order.number}
    assert sent_at_once(gql, REQUEST, variables)["orderLookupRequest"]["errors"] == []
    opened = gql(OPEN, {**variables, "code": last_code(whatsapp_cloud)})["orderLookupOpen"]
    assert opened["errors"] == []
    assert opened["order"] == {"number": order.number, "pickupCode": order.pickup_code}
    assert opened["token"] == str(order.checkout_token)


def test_whatsapp_buttons_chat_the_seller_and_the_cooperative(client, published, coop_a,
                                                               sent_at_once):
    coop_a.phone = "+6226612345"
    coop_a.save()
    page = client.get(f"{A}/produk/{published.slug}/").content.decode()
    links = dict(re.findall(r'data-chat="(\w+)" href="([^"]+)"', page))
    seller = urlsplit(links["seller"].replace("&amp;", "&"))
    assert seller.netloc == "wa.me" and seller.path == "/" + published.seller.phone.lstrip("+")
    assert parse_qs(seller.query)["text"][0].startswith(
        f"Halo, saya tertarik dengan {published.name}: http")
    assert urlsplit(links["cooperative"]).path == "/6226612345"
    assert urlsplit(links["share"]).path == "/"
    order = sent_at_once(_guest_order, coop_a, published)
    order_page = client.get(f"{A}/pesanan/{order.checkout_token}/").content.decode()
    chats = dict(re.findall(r'data-chat="(\w+)" href="([^"]+)"', order_page))
    assert parse_qs(urlsplit(chats["cooperative"].replace("&amp;", "&")).query)["text"] == [
        f"Halo, saya ingin bertanya tentang pesanan saya {order.number}."]
    assert urlsplit(chats["seller"]).path == "/" + published.seller.phone.lstrip("+")
    assert "Chat Emping Bu Yati di WhatsApp" in order_page
