"""Checkout under load, and a race for the last units.

    .venv/bin/python bench/checkout.py [--products 10000] [--flows 25] [--shoppers 8]
                                       [--web-workers 1]

One web worker by default. Concurrent shoppers each run create -> add 3
lines -> (store pickup is the default) -> complete, `--flows` times; then 200 shoppers
holding one unit each in their carts race `checkoutComplete` for 10 units. Prints one
JSON line: completed checkouts/s, p50/p95 of checkoutComplete and of the whole flow, SQL
queries of checkoutComplete, and the oversell count of the race (must be 0).
"""

import argparse
import http.client
import json
import statistics
import threading
import time
from urllib.parse import urlsplit

from harness import django_against, emit, last_var_dir, served

CREATE = 'mutation { checkoutCreate(cooperative: "kopmart-serang", email: "%s") ' \
         "{ checkout { token } errors { code } } }"
ADD = """mutation($t: UUID!, $lines: [CheckoutLineInput!]!) { checkoutLinesAdd(token: $t,
  lines: $lines) { checkout { total { amount } } errors { field code } } }"""
COMPLETE = """mutation($t: UUID!) { checkoutComplete(token: $t) { order { number total {
  amount } } errors { field code } } }"""


class Client:
    def __init__(self, base_url: str):
        parts = urlsplit(base_url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)

    def call(self, query: str, variables: dict | None = None) -> dict:
        self.connection.request("POST", "/graphql/", body=json.dumps(
            {"query": query, "variables": variables or {}}),
            headers={"Content-Type": "application/json"})
        return json.loads(self.connection.getresponse().read())


def stocked_variants(count: int) -> list[str]:
    from graphql_relay import to_global_id

    from inventory.models import Stock

    ids = Stock.objects.filter(location__code="cipare", on_hand__gte=10**5,
                               location__cooperative__slug="kopmart-serang").values_list(
        "variant_id", flat=True)[:count]
    return [to_global_id("ProductVariant", pk) for pk in ids]


def plenty_of_stock() -> None:
    """Enough units at the Cipare store that the flow measures checkout, not sell-outs."""
    from catalog.models import ProductVariant
    from inventory.models import Location
    from inventory.services import stock_receive

    store = Location.objects.get(cooperative__slug="kopmart-serang", code="cipare")
    for variant in ProductVariant.objects.filter(cooperative=store.cooperative).exclude(
            sku__startswith="BENCH-")[:12]:
        stock_receive(variant, store, 10**6, reference="bench")


def race_product() -> str:
    from graphql_relay import to_global_id

    from catalog.models import Product, ProductVariant, Seller
    from inventory.models import Location
    from inventory.services import stock_receive

    seller = Seller.objects.filter(cooperative__slug="kopmart-serang").first()
    product, _ = Product.objects.get_or_create(
        cooperative=seller.cooperative, slug="bench-race", defaults={
            "seller": seller, "name": "Emping Rebutan", "status": "published"})
    variant, _ = ProductVariant.objects.get_or_create(
        cooperative=seller.cooperative, sku="BENCH-RACE", defaults={
            "product": product, "price": 20000})
    store = Location.objects.get(cooperative=seller.cooperative, code="cipare")
    stock_receive(variant, store, 10, reference="bench-race")
    return to_global_id("ProductVariant", variant.pk)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--flows", type=int, default=25, help="flows per shopper")
    parser.add_argument("--racers", type=int, default=200)
    parser.add_argument("--shoppers", type=int, default=8)
    parser.add_argument("--web-workers", type=int, default=1)
    args = parser.parse_args()
    with served(demo_size=args.products, web_workers=args.web_workers) as base_url:
        django_against(last_var_dir())
        plenty_of_stock()
        variants = stocked_variants(12)
        complete_times, flow_times, failures = [], [], []
        lock = threading.Lock()

        def shopper(n):
            client = Client(base_url)
            for i in range(args.flows):
                started = time.perf_counter()
                token = client.call(CREATE % f"s{n}-{i}@bench.test")[
                    "data"]["checkoutCreate"]["checkout"]["token"]
                lines = [{"variantId": variants[(n + i + k) % len(variants)], "quantity": 1}
                         for k in range(3)]
                client.call(ADD, {"t": token, "lines": lines})
                before = time.perf_counter()
                result = client.call(COMPLETE, {"t": token})["data"]["checkoutComplete"]
                done = time.perf_counter()
                with lock:
                    complete_times.append(done - before)
                    flow_times.append(done - started)
                    if result["errors"]:
                        failures.append(result["errors"])

        threads = [threading.Thread(target=shopper, args=(n,)) for n in range(args.shoppers)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started

        sql = complete_sql_count(base_url, variants)
        oversold, sold = race(base_url, race_product(), args.racers)
    complete_times.sort()
    flow_times.sort()
    emit("checkout", {
        "web_workers": args.web_workers, "shoppers": args.shoppers, "flows": len(flow_times),
        "failures": len(failures),
        "completed_checkouts_per_s": round(len(flow_times) / wall, 2),
        "complete_p50_ms": round(statistics.median(complete_times) * 1000, 1),
        "complete_p95_ms": round(complete_times[int(len(complete_times) * 0.95) - 1] * 1000, 1),
        "flow_p50_ms": round(statistics.median(flow_times) * 1000, 1),
        "complete_sql_queries": sql,
        "race": {"racers": args.racers, "units": 10, "orders": sold, "oversold": oversold},
    })


def complete_sql_count(base_url: str, variants: list[str]) -> int:
    from django.db import connection
    from django.test import Client as DjangoClient
    from django.test.utils import CaptureQueriesContext

    client = DjangoClient()

    def post(query, variables=None):
        return client.post("/graphql/", json.dumps({"query": query, "variables": variables or {}}),
                           content_type="application/json").json()

    token = post(CREATE % "sql@bench.test")["data"]["checkoutCreate"]["checkout"]["token"]
    post(ADD, {"t": token, "lines": [{"variantId": v, "quantity": 1} for v in variants[:3]]})
    with CaptureQueriesContext(connection) as captured:
        post(COMPLETE, {"t": token})
    return len(captured)


def race(base_url: str, variant_id: str, racers: int) -> tuple[int, int]:
    tokens = []
    setup = Client(base_url)
    for n in range(racers):
        token = setup.call(CREATE % f"r{n}@bench.test")["data"]["checkoutCreate"][
            "checkout"]["token"]
        tokens.append(token)
    # Fill the carts directly: 200 holds of one unit would exceed the 10 units in stock.
    from backend.graphql.core.ids import pk_from_global_id
    from orders.models import Checkout, CheckoutLine

    variant_pk = pk_from_global_id(variant_id, "ProductVariant")
    CheckoutLine.objects.bulk_create([CheckoutLine(checkout=c, variant_id=variant_pk, quantity=1)
                                      for c in Checkout.objects.filter(token__in=tokens)])
    barrier, results = threading.Barrier(racers), []

    def racer(token):
        client = Client(base_url)
        barrier.wait()
        result = client.call(COMPLETE, {"t": token})["data"]["checkoutComplete"]
        results.append(bool(result["order"]))

    threads = [threading.Thread(target=racer, args=(t,)) for t in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sold = sum(results)
    return max(0, sold - 10), sold


if __name__ == "__main__":
    main()
