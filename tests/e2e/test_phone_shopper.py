"""The shopper's main pages on a cheap phone (360 x 740) and at 200% zoom (180 CSS px wide),
in real Chromium, checked with axe-core (vendored, tests/e2e/vendor/, MPL-2.0): nothing
scrolls sideways, the product page's price and "Masukkan keranjang" show without scrolling,
a failed checkout puts focus on its error summary, and axe finds no critical or serious
violation. SHOP_SCREENSHOTS=before|after also writes docs/screenshots/<stage>-*.png."""

import os
from pathlib import Path

import pytest

from tests.e2e.conftest import no_horizontal_scroll

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).parent / "vendor" / "axe-core-4.14.min.js"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _axe_problems(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
            for v in result["violations"] if v["impact"] in ("critical", "serious")]


def _docs_screenshot(page, name):
    stage = os.environ.get("SHOP_SCREENSHOTS")
    if stage:
        DOCS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOCS / f"{stage}-{name}.png"))


@pytest.fixture(params=[(360, 740), (180, 370)], ids=["phone", "zoom-200"])
def screen(request, browser):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, locale="id-ID")
    yield context.new_page()
    context.close()


def _in_view(page, selector) -> bool:
    box = page.locator(selector).first.bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= size["height"]


def test_main_pages_fit_the_screen_and_pass_axe(live_server, screen, emping, store_a,
                                                member_rule):
    base = f"{live_server.url}/k/koperasi-a"
    page = screen
    pages = {"home": "/", "search": "/cari/?q=emping", "product": f"/produk/{emping.slug}/"}
    for name, path in pages.items():
        page.goto(base + path)
        assert no_horizontal_scroll(page), (name, _too_wide(page))
        assert _axe_problems(page) == [], name
    page.goto(f"{base}/produk/{emping.slug}/")
    page.click("text=Masukkan keranjang")
    for name, path in {"cart": "/keranjang/", "checkout": "/bayar/"}.items():
        page.goto(base + path)
        assert no_horizontal_scroll(page), (name, _too_wide(page))
        assert _axe_problems(page) == [], name


def test_product_page_shows_price_and_button_without_scrolling(live_server, screen, emping,
                                                               member_rule):
    page = screen
    page.goto(f"{live_server.url}/k/koperasi-a/produk/{emping.slug}/")
    if page.viewport_size["width"] == 360:
        _docs_screenshot(page, "product")
    assert _in_view(page, "button:has-text('Masukkan keranjang')")
    assert _in_view(page, ".buybar .price")


def test_a_failed_checkout_moves_focus_to_the_error_summary(live_server, phone, emping,
                                                            store_a):
    page = phone
    base = f"{live_server.url}/k/koperasi-a"
    page.goto(f"{base}/produk/{emping.slug}/")
    page.click("text=Masukkan keranjang")
    page.goto(f"{base}/bayar/")
    _docs_screenshot(page, "checkout")
    page.click("button:has-text('Pesan sekarang')")  # no phone and no e-mail
    page.wait_for_load_state()
    _docs_screenshot(page, "checkout-error")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert _in_view(page, "#error-summary")
    target = page.get_attribute("#error-summary a", "href").lstrip("#")
    page.click("#error-summary a")
    assert page.evaluate("document.activeElement.id") == target  # the cursor is in the field


def _too_wide(page) -> list[str]:
    """For a failure message: the elements that stick out to the right."""
    return page.evaluate("""Array.from(document.querySelectorAll('body *')).filter(e =>
        e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e =>
        e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""")


def test_delivery_options_and_total_appear_once_the_address_is_complete(
        live_server, phone, emping, store_a, coop_a):
    from orders.models import LocalDeliveryArea

    LocalDeliveryArea.objects.create(cooperative=coop_a, name="Kurir koperasi", city="Serang",
                                     fee=10000)
    page = phone
    base = f"{live_server.url}/k/koperasi-a"
    page.goto(f"{base}/produk/{emping.slug}/")
    page.click("text=Masukkan keranjang")
    page.goto(f"{base}/bayar/")
    assert page.is_checked("input[value=pay_at_pickup]")
    page.check("input[value=delivery]")
    page.check("input[value=pickup]")  # there and back: the shopper chose no way of paying
    assert page.is_checked("input[value=pay_at_pickup]")
    page.check("input[value=delivery]")
    for field, value in {"phone": "0812-5555-6666", "recipient_name": "Ibu Siti",
                         "street_address": "Jl. Raya Cipare 12", "village": "Cipare",
                         "district": "Serang", "city": "Kota Serang", "province": "Banten",
                         "postal_code": "42117"}.items():
        page.fill(f"#id_{field}", value)
    page.press("#id_postal_code", "Tab")  # leaving the last field: the address is complete
    page.wait_for_selector("input[name=delivery_option]")
    assert "Kurir koperasi · Rp10.000" in page.inner_text("#delivery-options")
    page.check("input[name=delivery_option]")
    page.wait_for_function("document.querySelector('[data-total]').textContent === 'Rp35.000'")
    assert "Rp35.000" in page.inner_text("#place-order")
