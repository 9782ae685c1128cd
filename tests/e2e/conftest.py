"""Real-browser tests: Playwright drives Debian's Chromium (`./dev test` installs it when it
can) against pytest-django's live server. Screenshots go to var/test-artifacts/."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# Playwright's sync API keeps an asyncio loop running in this thread; Django refuses ORM
# calls while one runs unless told that this (test-only) thread is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: `./dev test` installs it as root with apt-get "
                    "(apt-get install -y chromium); browser tests need it")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A 360x740 phone, JavaScript on."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_without_js(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID",
                                  java_script_enabled=False)
    yield context.new_page()
    context.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


from tests.payments.conftest import midtrans, midtrans_server  # noqa: E402,F401
from tests.storefront.conftest import *  # noqa: E402,F403  (store, emping, member fixtures)
from tests.suppliers.conftest import distributor, groceries, store_a  # noqa: E402,F401
