"""Odd input on every console, seller-portal and shop page: letters where a number goes,
negative and huge numbers, dates in year 1 and 9999, NUL bytes, empty values. A person who
types (or a link that carries) such a value gets the page with a message, a 400 or a 404,
never a 500. The pages and their parameters are found, not listed: every URL pattern of the
dashboard and the shop, each page's forms as it renders them (hidden values kept or fuzzed),
and every parameter name its view module reads."""

import inspect
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone

import dashboard.urls
import storefront.shop_urls
import storefront.urls
from backend.accounts.permissions import Role
from catalog.models import Product, ProductStatus, Seller, SellerStatus
from catalog.services import categories, products
from inventory.services import location_save, stock_receive
from members.models import Member, PriceRule
from members.services.patronage import SPLIT_FIELDS, shu_calculate
from orders.services.checkout import checkout_complete, checkout_create, checkout_lines_set
from orders.services.payouts import payouts_create
from savings.services.dues_payments import dues_receipt_submit
from suppliers.models import SupplierItem, SupplierSync, SyncSource
from suppliers.services.purchasing import purchase_order_create
from suppliers.services.register import supplier_save
from tests.conftest import make_staff, make_user

pytestmark = pytest.mark.django_db

ODD = ["abc", "-1", "9" * 25, "0001-01-01", "9999-12-31", "x\x00y"]
# Signing out would end the fuzzing session; the sign-in form is Django's own.
SKIPPED = {"dashboard:sign-out", "dashboard:sign-in", "shop-k:sign-out"}
SKIPPED_PATHS = {"/keluar/", "/masuk/", "/k/koperasi-a/akun/keluar/"}
READS = {method: re.compile(rf"""{words}\.get(?:list)?\(\s*["']([\w-]+)["']""")
         for method, words in (("get", r"\bGET"), ("post", r"\b(?:POST|post)"))}


class Forms(HTMLParser):
    """The forms of a page: action, method and each named field with its type and value."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.current: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = {"action": attrs.get("action") or "", "fields": {},
                            "method": (attrs.get("method") or "get").lower()}
            self.forms.append(self.current)
        elif self.current is not None and tag in ("input", "select", "textarea", "button") \
                and attrs.get("name"):
            kind = attrs.get("type") or tag
            if kind != "file":
                self.current["fields"].setdefault(attrs["name"], (kind, attrs.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


@pytest.fixture
def world(coop_a):
    return one_of_everything(coop_a)


def one_of_everything(coop_a, tag: str = "a") -> dict:
    """A cooperative with one of everything, and a manager who is also a seller (`tag` keeps
    the people of two such cooperatives apart)."""
    n = {"a": "1", "b": "2"}[tag]
    manager = make_staff(coop_a, Role.MANAGER, email=f"manajer@koperasi-{tag}.test")
    seller = Seller.objects.create(
        cooperative=coop_a, owner=manager, business_name="Emping Bu Yati", slug="emping",
        owner_name="Yati", phone=f"+62812111{n}2222", status=SellerStatus.APPROVED)
    pending = Seller.objects.create(
        cooperative=coop_a, owner=make_user(email=f"baru-{tag}@example.test"), business_name="Baru",
        slug="baru", owner_name="Baru", phone=f"+62812111{n}3333", status=SellerStatus.PENDING)
    category = categories.category_create(coop_a, name="Makanan Ringan")
    product = products.product_create(seller, {"name": "Emping Melinjo", "category": category},
                                      [{"sku": "EMP-250", "price": 25000}])
    Product.objects.filter(pk=product.pk).update(status=ProductStatus.PUBLISHED)
    variant = product.variants.get()
    store = location_save(coop_a, {"name": "Toko Pusat", "code": "pusat"})
    stock_receive(variant, store, 50)
    shopper = make_user(email=f"siti-{tag}@example.test", phone=f"+62812555{n}6666")
    checkout = checkout_create(coop_a, shopper)
    checkout_lines_set(checkout, {variant.pk: 2})
    order = checkout_complete(checkout, shopper)
    member = Member.objects.create(cooperative=coop_a, member_number="A-1", full_name="Siti",
                                   status="anggota", phone=f"+62812555{n}6666")
    PriceRule.objects.create(cooperative=coop_a, name="Anggota", kind="percent", value=10)
    calculation = shu_calculate(coop_a, manager, year=2025, surplus=1000000, percents={
        field: 100 if i == 0 else 0 for i, field in enumerate(SPLIT_FIELDS)})
    supplier = supplier_save(coop_a, {"name": "CV Sumber", "email": "order@sumber.test",
                                      "lead_time_days": 2})
    item = SupplierItem.objects.create(cooperative=coop_a, supplier=supplier,
                                       supplier_sku="S-1", name="Emping 1 dus", cost_per_pack=1)
    sync = SupplierSync.objects.create(cooperative=coop_a, supplier=supplier,
                                       source=SyncSource.UPLOAD, status="applied")
    purchase = purchase_order_create(coop_a, {"supplier": supplier, "location": store, "lines": [
        {"variant": variant, "packs": 2, "cost_per_pack": 20000}]}, actor=manager)
    payouts_create(coop_a, period_end=order.created_at.date())
    receipt = dues_receipt_submit(member, amount=25000, transfer_reference="BCA-1",
                                  transferred_on=timezone.localdate())
    return {"receipt_id": receipt.pk, "manager": manager, "slug": coop_a.slug,
            "seller_id": seller.pk,
            "pending_id": pending.pk, "product_id": product.pk, "variant_id": variant.pk,
            "member_id": member.pk, "calculation_id": calculation.pk, "number": order.number,
            "token": order.checkout_token, "supplier_id": supplier.pk, "item_id": item.pk,
            "sync_id": sync.pk, "purchase_id": purchase.pk, "category": category.slug,
            "product": product.slug, "seller": seller.slug}


def _patterns(patterns, above=()):
    """Every page's pattern with the names of its path's parts, through include()s."""
    for pattern in patterns:
        parts = (*above, *pattern.pattern.converters)
        if isinstance(pattern, URLPattern):
            yield pattern, parts
        else:
            yield from _patterns(pattern.url_patterns, parts)


def _addresses(world) -> list[tuple[str, str, object]]:
    """(url name, address, view) of every page, its path filled with the world's objects."""
    by_argument = {"slug": world["slug"], "seller_id": world["seller_id"],
                   "product_id": world["product_id"], "variant_id": world["variant_id"],
                   "member_id": world["member_id"], "calculation_id": world["calculation_id"],
                   "number": world["number"], "supplier_id": world["supplier_id"],
                   "item_id": world["item_id"], "sync_id": world["sync_id"],
                   "order_id": world["purchase_id"], "job_id": "no-such-job",
                   "receipt_id": world["receipt_id"], "file_format": "pdf",
                   "token": world["token"]}
    per_name = {
        "manage-review-seller": {"seller_id": world["pending_id"]},
        "category": {"slug": world["category"]}, "product": {"slug": world["product"]},
        "seller": {"slug": world["seller"]},
    }
    actions = {"manage-order-action": ["mark_paid", "hand_over", "delivered", "reject_proof",
                                       "cancel"],
               "manage-purchase-order-act": ["receive", "send", "receive", "cancel"]}
    found = []
    for namespace, module, prefix in (("dashboard", dashboard.urls, ()),
                                      ("storefront", storefront.urls, ()),
                                      ("shop-k", storefront.shop_urls, (world["slug"],))):
        for pattern, wanted in _patterns(module.urlpatterns):
            name = f"{namespace}:{pattern.name}"
            if name in SKIPPED:
                continue
            arguments = {**by_argument, **per_name.get(pattern.name, {})}
            for action in actions.get(pattern.name, [None]):
                kwargs = {a: arguments[a] for a in wanted if a != "action"}
                if action:
                    kwargs["action"] = action
                if prefix:
                    kwargs["coop"] = prefix[0]
                found.append((name, reverse(name, kwargs=kwargs), pattern.callback))
    return found


def _names_read(view, method: str) -> set[str]:
    """The query names the view reads; the form names its module reads (its helpers too)."""
    view = inspect.unwrap(view)
    source = inspect.getsource(view if method == "get" else inspect.getmodule(view))
    return set(READS[method].findall(source))


def _shifted(names, shift: int) -> dict:
    """Each name gets each odd value over the shifts, next to different neighbours."""
    return {name: ODD[(i + shift) % len(ODD)] for i, name in enumerate(sorted(names))}


def test_no_page_answers_odd_input_with_a_server_error(world):
    client = Client()
    client.force_login(world["manager"])
    failures, tried = [], 0

    def attempt(method, url, data) -> int:
        nonlocal tried
        tried += 1
        try:
            response = getattr(client, method)(url, data)
        except Exception as error:  # noqa: BLE001  the failure is reported with its input
            failures.append(f"{method.upper()} {url} {data!r}: {error!r}")
            return 500
        if response.status_code >= 500:
            failures.append(f"{method.upper()} {url} {data!r}: {response.status_code}")
        return response.status_code

    addresses = _addresses(world)
    pages = {}
    for _name, url, _view in addresses:
        page = client.get(url)
        pages[url] = Forms()
        if page.status_code == 200 and "html" in page.get("Content-Type", ""):
            pages[url].feed(page.content.decode())
    forms = {}  # the same form on many pages (search, language) is tried once
    for url, found in pages.items():
        for form in found.forms:
            target = urlsplit(urljoin(url, form["action"])).path
            method = "post" if form["method"] == "post" else "get"
            if target not in SKIPPED_PATHS:
                forms[(method, target, frozenset(form["fields"]))] = form["fields"]
    for _name, url, view in addresses:
        for method in ("get", "post"):
            if method == "post" and any(m == "post" and t == url for m, t, _f in forms):
                continue  # its own forms are tried below, with their hidden values
            names = _names_read(view, method)
            if names and attempt(method, url, _shifted(names, 0)) != 405:
                for shift in range(1, len(ODD)):
                    attempt(method, url, _shifted(names, shift))
    for (method, target, _names), fields in forms.items():
        kept = {n: v for n, (kind, v) in fields.items() if kind in ("hidden", "submit",
                                                                    "button")}
        for shift in range(len(ODD)):
            attempt(method, target, {**kept, **_shifted(set(fields) - set(kept), shift)})
            if set(kept) - {"csrfmiddlewaretoken"}:
                attempt(method, target, _shifted(fields, shift))
    assert client.get("/dasbor/").status_code == 200  # still signed in: every page was tried
    assert tried > 500
    assert not failures, "\n".join(failures[:40]) + f"\n({len(failures)} of {tried})"


@pytest.fixture
def manager(client, manager_a):
    client.force_login(manager_a)
    return client


def test_a_year_that_is_no_year_shows_this_years_shu_with_a_message(manager):
    response = manager.get("/kelola/koperasi-a/shu/", {"tahun": "abc"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tahun: Masukkan keseluruhan angka bilangan." in page  # Django's Indonesian
    assert f"Pembagian SHU {timezone.localdate().year}" in page


def test_a_report_period_beyond_any_real_day_is_refused_with_a_message(manager):
    response = manager.get("/kelola/koperasi-a/laporan/", {
        "dari": "0001-01-01", "sampai": "9999-12-31"})
    assert response.status_code == 400
    assert "2000" in response.content.decode() and "2099" in response.content.decode()
    download = manager.get("/kelola/koperasi-a/laporan/", {
        "dari": "0001-01-01", "sampai": "9999-12-31", "unduh": "xlsx"})
    assert download.status_code == 400 and "html" in download["Content-Type"]


def test_an_shu_without_a_surplus_is_not_calculated(manager, coop_a):
    from members.models import ShuCalculation

    response = manager.post("/kelola/koperasi-a/shu/", {
        "year": "2025", "surplus": "", "jasa_anggota": "100"}, follow=True)
    assert not ShuCalculation.objects.filter(cooperative=coop_a).exists()
    assert "SHU yang dibagikan (Rp): Kolom ini wajib diisi." in \
        response.content.decode()


def test_a_product_sheet_above_the_size_limit_is_refused_unread(client, seller):
    """The seller's upload page had no size check (the API had one): a 30 MB sheet was read
    whole into memory and parsed."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from backend.uploads import SPREADSHEET_MAX_BYTES

    client.force_login(seller.owner)
    sheet = SimpleUploadedFile("produk.csv", b"name,sku,price\n" + b"x" * SPREADSHEET_MAX_BYTES)
    response = client.post(f"/penjual/{seller.pk}/unggah/", {"file": sheet})
    assert response.status_code == 400
    assert "Berkas lebih besar dari 30 MB." in response.content.decode()
