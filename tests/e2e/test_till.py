"""The till in real Chromium against the live server (one per session) and PostgreSQL:
a cashier's day online (scanner typing barcodes, member card, member prices, cash with
change, the receipt's print layout, closing with a difference), and five sales made offline
that reach the server exactly once when the connection comes back."""

import pytest
from django.test import Client

from inventory.services import ledger_mismatches
from members.models import PatronageEntry
from members.services.card import member_card_token
from orders.models import PayoutEntry
from tests.e2e.conftest import no_horizontal_scroll, screenshot
from tests.till.builders import build_shop
from till.models import Shift, TillSale
from till.services.shifts import till_shift_open

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def till_page(browser, live_server):
    """A 10-inch tablet in landscape, signed in as the cashier of store A."""
    shop = build_shop()
    client = Client()
    client.force_login(shop.cashier)
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])
    page = context.new_page()
    yield shop, page, context, f"{live_server.url}/kasir/{shop.coop.slug}"
    context.close()


def scan(page, code):
    """A USB scanner: it types the code into the focused field and presses Enter."""
    page.focus("#scan")
    page.keyboard.type(code, delay=5)
    page.keyboard.press("Enter")


def test_a_cashiers_day_at_the_counter(till_page):
    shop, page, _context, base = till_page
    page.goto(base + "/")
    page.fill("#id_opening_float", "200.000")
    page.click("form button[type=submit]")
    page.wait_for_selector("body[data-ready]")
    page.set_viewport_size({"width": 360, "height": 740})  # a phone first, then the tablet
    for code in ("8991234560012", "KOPI-200", "8991234560012"):
        scan(page, code)
    assert page.inner_text("#cart tr[data-sku='EMP-250'] [data-qty]") == "2"
    assert no_horizontal_scroll(page)
    screenshot(page, "till-phone")
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.inner_text("#total") == "Rp80.000"
    page.fill("#member", member_card_token(shop.member))
    page.press("#member", "Enter")
    page.wait_for_selector("#member-info:has-text('Siti Aminah')")
    assert page.inner_text("#total") == "Rp72.000"  # member prices, 10 % off
    assert "Rp8.000" in page.inner_text("#savings")
    page.click("[data-pay=cash]")
    page.fill("#pay-amount", "100.000")
    assert page.inner_text("#change") == "Rp28.000"
    page.click("#pay-confirm")
    page.wait_for_selector("#receipt-link")
    sale = TillSale.objects.get()
    assert (sale.total, sale.change, sale.member, sale.offline) == (72000, 28000, shop.member,
                                                                    False)
    screenshot(page, "till-sell")

    page.click("#receipt-link")
    page.emulate_media(media="print")
    receipt = page.locator(".receipt")
    assert "Siti Aminah" in receipt.inner_text() and "Rp72.000" in receipt.inner_text()
    assert 200 <= receipt.bounding_box()["width"] <= 230  # 58 mm
    assert not page.locator("header.bar").is_visible()
    page.emulate_media(media="screen")

    shift = Shift.objects.get()
    page.goto(f"{base}/shift/{shift.pk}/tutup/")
    page.fill("#id_counted_cash", "270.000")
    page.click("form:has(#id_counted_cash) button[type=submit]")
    assert "Rp" in page.inner_text("main")  # the form came back with an error: no reason
    assert Shift.objects.get().is_open
    page.fill("#id_counted_cash", "270.000")
    page.fill("#id_reason", "uang receh kurang")
    page.click("form:has(#id_counted_cash) button[type=submit]")
    page.wait_for_selector("[data-difference]")
    assert page.inner_text("[data-difference]") == "-Rp2.000"
    assert Shift.objects.get().difference == -2000


def test_five_sales_offline_reach_the_server_exactly_once(till_page):
    shop, page, context, base = till_page
    shift = till_shift_open(shop.store_a, shop.cashier)
    sent = []
    page.on("request", lambda r: sent.append(1) if r.method == "POST" and "tillSaleCreate"
            in (r.post_data or "") else None)
    page.goto(f"{base}/shift/{shift.pk}/")
    page.wait_for_selector("body[data-ready]")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    context.set_offline(True)
    for count in range(1, 6):
        scan(page, "8991234560012")
        page.click("[data-pay=cash]")
        page.fill("#pay-amount", "50.000")
        page.click("#pay-confirm")
        page.wait_for_selector(f"#waiting:text-is('{count}')")
    page.reload()
    page.wait_for_selector("body[data-ready]")
    assert page.inner_text("#waiting") == "5"
    assert TillSale.objects.count() == 0
    context.set_offline(False)
    page.wait_for_selector("#waiting:text-is('0')", timeout=15000)
    sales = list(TillSale.objects.order_by("pk"))
    assert len(sales) == 5 and all(s.offline and s.total == 25000 for s in sales)
    assert len(sent) == 5
    assert ledger_mismatches(shop.coop) == []
    assert PatronageEntry.objects.filter(reference__startswith="till:").count() == 5
    assert PayoutEntry.objects.filter(reference__startswith="till:").count() == 5
    page.reload()  # a second sync: nothing waits, nothing is sent
    page.wait_for_selector("body[data-ready]")
    page.wait_for_selector("#waiting:text-is('0')")
    assert len(sent) == 5 and TillSale.objects.count() == 5
