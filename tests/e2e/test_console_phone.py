"""The manager console on a 360 x 740 phone in real Chromium (issue 15, items 18-20): signing
in lands on "Hari ini", every tap target is at least 44 px tall, the menu marks the current
page, a whole task card is tappable, tables become stacked cards that fit the screen, and
axe-core finds no critical or serious violation."""

import pytest

from tests.conftest import PASSWORD
from tests.dashboard.test_manager_console import order  # noqa: F401,F811  (a pickup order)
from tests.e2e.conftest import no_horizontal_scroll
from tests.e2e.test_phone_shopper import _axe_problems

pytestmark = pytest.mark.django_db(transaction=True)

SMALL_TARGETS = """() => [...document.querySelectorAll(
    'header a, header button, .menu a, .menu summary, a.card, main button, main select, '
    + 'main input:not([type=checkbox]):not([type=hidden])')]
    .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
    .map(e => e.outerHTML.slice(0, 80))"""


def test_the_console_on_a_phone(live_server, phone, browser, manager_a, order):  # noqa: F811
    page = phone
    page.goto(f"{live_server.url}/masuk/")
    page.fill("input[name=username]", manager_a.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    assert page.url == f"{live_server.url}/kelola/koperasi-a/"  # item 18: home
    assert page.locator('[aria-current="page"]').inner_text() == "Hari ini"
    assert page.evaluate(SMALL_TARGETS) == []
    assert no_horizontal_scroll(page) and _axe_problems(page) == []
    card = page.locator("a.card", has_text="pesanan untuk disiapkan")
    card.scroll_into_view_if_needed()
    box = card.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 4, box["y"] + box["height"] - 4)
    page.wait_for_url("**/kelola/koperasi-a/pesanan/**")  # the card's corner, not its words

    page.goto(f"{live_server.url}/kelola/koperasi-a/pesanan/?status=unpaid")
    assert no_horizontal_scroll(page) and _axe_problems(page) == []
    status = page.locator('td[data-label="Status"]').first
    box = status.bounding_box()
    assert box["x"] + box["width"] <= 360 and "Menunggu" in status.inner_text()
    assert not page.locator("details.menu a").first.is_visible()  # folded: one tap away
    page.click("details.menu summary")
    assert page.locator('details.menu a[aria-current="page"]').inner_text() == "Pesanan"
    assert page.evaluate(SMALL_TARGETS) == []

    page.goto(f"{live_server.url}/kelola/koperasi-a/pesanan/{order.number}/")
    assert no_horizontal_scroll(page)
    total = page.locator('td[data-label="Total"]').first.bounding_box()
    assert total["x"] + total["width"] <= 360

    wide = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    desk = wide.new_page()
    desk.context.add_cookies(page.context.cookies())
    desk.goto(f"{live_server.url}/kelola/koperasi-a/stok/")
    assert desk.locator("details.menu a", has_text="Laporan").is_visible()  # no tap needed
    desk.keyboard.press("Tab")
    assert desk.evaluate("[...document.querySelectorAll('.table')].every(t => t.tabIndex === 0)")
    wide.close()
