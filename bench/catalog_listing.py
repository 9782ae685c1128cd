"""Storefront catalog listing and product detail on a catalog of a stated size.

    .venv/bin/python bench/catalog_listing.py [--products 10000] [--requests 200]

Builds the catalog (products with two variants and a photo each) through `populatedb
--size`, starts the server with one web worker as `./dev run` does, and prints one JSON line:
p50, p95, requests/s for 1 and 8 clients, and SQL queries per request. The same listing asked
again within a second is answered from the web process's memory (RESPONSE_CACHE_SECONDS);
`listing_uncached_clients_1` asks a new body each time, the execution's own speed.
"""

import argparse
import json
import time
from pathlib import Path

from harness import django_against, drive, emit, graphql_body, served

LISTING = """{ products(cooperative: "kopmart-serang", first: 100) { edges { node {
  name slug thumbnail(size: 256) category { name } seller { businessName }
  priceRange { start { amount formatted } } } } } }"""
DETAIL = """query($slug: String!) { product(cooperative: "kopmart-serang", slug: $slug) {
  name description isHalal category { name } seller { businessName city }
  priceRange { start { formatted } stop { formatted } }
  variants { sku name price { formatted } weightGrams }
  media { alt thumbnail(size: 512) url } } }"""


def sql_queries_per_request(var_dir: Path, queries: list[tuple[str, dict]]) -> list[int]:
    """Run each query once in this process against the server's database and count SQL."""
    django_against(var_dir)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client, counts = Client(), []
    for query, variables in queries:
        with CaptureQueriesContext(connection) as captured:
            response = client.post("/graphql/", json.dumps({"query": query,
                                                             "variables": variables}),
                                   content_type="application/json")
        assert "errors" not in response.json(), response.json()
        counts.append(len(captured))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--var-dir", default=None,
                        help="keep the built catalog here and reuse it next time")
    args = parser.parse_args()
    started = time.perf_counter()
    with served(demo_size=args.products, web_workers=1, keep_dir=args.var_dir) as base_url:
        build_seconds = round(time.perf_counter() - started, 1)
        url = base_url + "/graphql/"
        detail_variables = {"slug": "bench-5000" if args.products > 5000 else "bench-1"}
        listing = graphql_body(LISTING)
        detail = graphql_body(DETAIL, detail_variables)
        figures = {
            "products": args.products, "variants": args.products * 2, "page_size": 100,
            "web_workers": 1, "build_and_start_s": build_seconds,
            # Each request a body of its own (an alias): never answered from the one-second
            # memory of public answers, so this is the execution's own speed.
            "listing_uncached_clients_1": drive(url, lambda number: graphql_body(
                LISTING.replace("products(", f"p{number}: products(", 1)), clients=1,
                requests=args.requests),
            "listing_clients_1": drive(url, listing, clients=1, requests=args.requests),
            "listing_clients_8": drive(url, listing, clients=8, requests=args.requests),
            "detail_clients_1": drive(url, detail, clients=1, requests=args.requests),
            "detail_clients_8": drive(url, detail, clients=8, requests=args.requests),
        }
        var_dir = Path(args.var_dir) if args.var_dir else None
        if var_dir is None:
            from harness import last_var_dir

            var_dir = last_var_dir()
        listing_sql, detail_sql = sql_queries_per_request(
            var_dir, [(LISTING, {}), (DETAIL, detail_variables)])
        figures["listing_sql_queries"] = listing_sql
        figures["detail_sql_queries"] = detail_sql
    emit("catalog_listing", figures)


if __name__ == "__main__":
    main()
