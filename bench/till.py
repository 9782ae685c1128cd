"""The till under load, on the demo cooperative with a large catalog and member register.

    .venv/bin/python bench/till.py [--products 20000] [--members 5000] [--sales 100]
                                   [--tills 10] [--close-sales 1000]

One web worker. Measures: a barcode lookup (the selector in the server process, and
variantByBarcode over HTTP), tillSaleCreate of 5 lines one after another, 10 tills selling at
once (each its own cashier and shift), the size of the offline pack (products and member
list, gzipped), and closing a shift of `--close-sales` sales. Prints one JSON line.
"""

import argparse
import gzip
import http.client
import json
import os
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from harness import django_against, emit, last_var_dir, served

# Playwright's sync API keeps an event loop in this thread; the ORM calls here are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# This file is till.py: keep `import till` for the project's till app, not this script.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

SCAN = """query($code: String!) { variantByBarcode(code: $code) { name price { amount } } }"""
SELL = """mutation($input: TillSaleInput!) { tillSaleCreate(input: $input) {
  created sale { number } errors { code message } } }"""


def p(values, q):
    values = sorted(values)
    return round(values[max(0, int(len(values) * q) - 1)] * 1000, 1)


class Client:
    def __init__(self, base_url: str, token: str):
        parts = urlsplit(base_url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        self.headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}",
                        "X-Cooperative": "kopmart-serang"}

    def call(self, query, variables=None) -> dict:
        self.connection.request("POST", "/graphql/", body=json.dumps(
            {"query": query, "variables": variables or {}}), headers=self.headers)
        return json.loads(self.connection.getresponse().read())


def prepare(members: int, tills: int):
    """Barcodes on every variant, the member register, and a cashier with a shift per till."""
    from django.db.models import CharField, F, Value
    from django.db.models.functions import Cast, Concat, LPad

    from backend.accounts.jwt import create_access_token
    from backend.accounts.models import StaffMembership, User
    from catalog.models import ProductVariant
    from inventory.models import Location
    from members.models import Member
    from till.models import Shift
    from till.services.shifts import till_shift_open, till_staff_assign

    store = Location.objects.get(cooperative__slug="kopmart-serang", code="cipare")
    coop = store.cooperative
    ProductVariant.objects.filter(cooperative=coop).update(barcode=Concat(
        Value("899"), LPad(Cast(F("pk"), output_field=CharField()), 10, Value("0"))))
    have = Member.objects.of(coop).count()
    Member.objects.bulk_create([Member(
        cooperative=coop, member_number=f"B-{n:05d}", full_name=f"Anggota {n}", status="anggota")
        for n in range(have, members)], batch_size=2000)
    cashiers = []
    for n in range(tills):
        user, _ = User.objects.get_or_create(email=f"kasir{n}@bench.test",
                                             defaults={"full_name": f"Kasir {n}"})
        StaffMembership.objects.get_or_create(user=user, cooperative=coop,
                                              defaults={"role": "cashier"})
        till_staff_assign(store, user)
        shift = Shift.objects.filter(cashier=user, location=store, closed_at=None).first() \
            or till_shift_open(store, user, opening_float=500000)
        cashiers.append((create_access_token(user), shift))
    variants = list(ProductVariant.objects.filter(cooperative=coop, product__status="published")
                    .values_list("pk", "barcode", "price")[:500])
    return store, cashiers, variants


def sale_input(shift, variants, n):
    from graphql_relay import to_global_id

    chosen = [variants[(n * 5 + k) % len(variants)] for k in range(5)]
    total = sum(price for _pk, _code, price in chosen)
    return {"shift": to_global_id("TillShift", shift.pk), "clientId": str(uuid.uuid4()),
            "lines": [{"variant": to_global_id("ProductVariant", pk), "quantity": 1}
                      for pk, _code, _price in chosen],
            "payments": [{"method": "CASH", "amount": total, "tendered": total + 5000}]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=20_000)
    parser.add_argument("--members", type=int, default=5_000)
    parser.add_argument("--sales", type=int, default=100)
    parser.add_argument("--tills", type=int, default=10)
    parser.add_argument("--per-till", type=int, default=20)
    parser.add_argument("--close-sales", type=int, default=1000)
    args = parser.parse_args()
    with served(demo_size=args.products, web_workers=1) as base_url:
        django_against(last_var_dir())
        store, cashiers, variants = prepare(args.members, args.tills)
        from till.selectors import eligibility_list, offline_catalog, variant_by_barcode

        coop = store.cooperative
        lookups = []
        for _pk, code, _price in variants[:300]:
            started = time.perf_counter()
            variant_by_barcode(coop, code)
            lookups.append(time.perf_counter() - started)
        client = Client(base_url, cashiers[0][0])
        scans = []
        for _pk, code, _price in variants[:200]:
            started = time.perf_counter()
            assert client.call(SCAN, {"code": code})["data"]["variantByBarcode"]
            scans.append(time.perf_counter() - started)

        one, failures = [], 0
        for n in range(args.sales):
            started = time.perf_counter()
            body = client.call(SELL, {"input": sale_input(cashiers[0][1], variants, n)})
            one.append(time.perf_counter() - started)
            failures += 0 if body["data"]["tillSaleCreate"]["sale"] else 1

        together, lock = [], threading.Lock()

        def till(index):
            nonlocal failures
            token, shift = cashiers[index]
            mine = Client(base_url, token)
            for n in range(args.per_till):
                started = time.perf_counter()
                body = mine.call(SELL, {"input": sale_input(shift, variants, index * 1000 + n)})
                with lock:
                    together.append(time.perf_counter() - started)
                    failures += 0 if body["data"]["tillSaleCreate"]["sale"] else 1

        threads = [threading.Thread(target=till, args=(i,)) for i in range(args.tills)]
        wall = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - wall

        catalog = json.dumps(offline_catalog(coop, store)).encode()
        members = json.dumps(eligibility_list(coop)).encode()
        started = time.perf_counter()
        offline_catalog(coop, store)
        catalog_seconds = time.perf_counter() - started

        service = []
        from catalog.models import ProductVariant
        from till.services.sales import LineInput, PaymentInput, SaleInput, till_sale_create

        objects = ProductVariant.objects.in_bulk([pk for pk, _c, _p in variants])
        shift = cashiers[0][1]
        for n in range(50):
            chosen = [variants[(n * 5 + k) % len(variants)] for k in range(5)]
            data = SaleInput(str(uuid.uuid4()), [LineInput(objects[pk]) for pk, _c, _p in chosen],
                             [PaymentInput("cash", sum(price for _pk, _c, price in chosen))])
            started = time.perf_counter()
            till_sale_create(shift, shift.cashier, data)
            service.append(time.perf_counter() - started)
        browser = in_the_browser(base_url, shift, [code for _pk, code, _p in variants])
        close_seconds = close_a_big_shift(store, variants, args.close_sales)
    emit("till", {
        "sale_5_lines_service_p50_ms": p(service, 0.5), **browser,
        "products": args.products, "members": args.members, "web_workers": 1,
        "barcode_lookup_server_p50_ms": p(lookups, 0.5),
        "barcode_lookup_server_p95_ms": p(lookups, 0.95),
        "variant_by_barcode_http_p50_ms": p(scans, 0.5),
        "sale_5_lines_p50_ms": p(one, 0.5), "sale_5_lines_p95_ms": p(one, 0.95),
        "tills_at_once": args.tills, "sales_at_once": len(together),
        "sales_at_once_p50_ms": p(together, 0.5), "sales_at_once_p95_ms": p(together, 0.95),
        "sales_at_once_per_s": round(len(together) / wall, 1), "failures": failures,
        "offline_catalog_gzip_kb": round(len(gzip.compress(catalog)) / 1024, 1),
        "offline_catalog_build_s": round(catalog_seconds, 2),
        "offline_members_gzip_kb": round(len(gzip.compress(members)) / 1024, 1),
        "close_shift_sales": args.close_sales, "close_shift_s": round(close_seconds, 3),
    })


def in_the_browser(base_url: str, shift, codes: list[str]) -> dict:
    """Chromium on the sell page: cold start (new browser profile: page, catalog and member
    list downloaded) and warm start (reload) to ready-to-scan, then scan-to-line while
    offline (the time from the scanner's Enter to the line on screen)."""
    from django.test import Client as DjangoClient
    from playwright.sync_api import sync_playwright

    client = DjangoClient()
    client.force_login(shift.cashier)
    url = f"{base_url}/kasir/kopmart-serang/shift/{shift.pk}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                              "url": base_url}])
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_selector("body[data-ready]", timeout=120_000)
        cold = time.perf_counter() - started
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        started = time.perf_counter()
        page.reload()
        page.wait_for_selector("body[data-ready]", timeout=120_000)
        warm = time.perf_counter() - started
        context.set_offline(True)
        page.reload()
        page.wait_for_selector("body[data-ready]", timeout=120_000)
        times = page.evaluate("""(codes) => {
            const input = document.getElementById("scan"), out = [];
            for (const code of codes) {
                const started = performance.now();
                input.value = code;
                input.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true}));
                out.push(performance.now() - started);
            }
            return out; }""", codes[:20] * 10)
        lines = page.locator("#cart tbody tr").count()
        browser.close()
    times.sort()
    return {"browser_cold_start_s": round(cold, 2), "browser_warm_start_s": round(warm, 2),
            "scan_to_line_offline_p50_ms": round(times[len(times) // 2], 1),
            "scan_to_line_offline_p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
            "scanned_lines": lines}


def close_a_big_shift(store, variants, count: int) -> float:
    """A shift of `count` sales (made through the service, in the bench process), closed."""
    from backend.accounts.models import StaffMembership, User
    from catalog.models import ProductVariant
    from till.selectors import shift_expected
    from till.services.sales import LineInput, PaymentInput, SaleInput, till_sale_create
    from till.services.shifts import till_shift_close, till_shift_open, till_staff_assign

    user, _ = User.objects.get_or_create(email="kasir-tutup@bench.test")
    StaffMembership.objects.get_or_create(user=user, cooperative=store.cooperative,
                                          defaults={"role": "cashier"})
    till_staff_assign(store, user)
    shift = till_shift_open(store, user)
    variant = ProductVariant.objects.get(pk=variants[0][0])
    for _ in range(count):
        till_sale_create(shift, user, SaleInput(str(uuid.uuid4()), [LineInput(variant)],
                                                [PaymentInput("cash", variant.price)]))
    started = time.perf_counter()
    expected = shift_expected(shift)
    till_shift_close(shift, user, counted_cash=expected["cash"])
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
