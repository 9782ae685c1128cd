"""Product search on a large catalog: PostgreSQL backend, one web worker.

    .venv/bin/python bench/search.py [--products 100000] [--rounds 2] [--var-dir DIR]

Builds the catalog through `populatedb --size` (products with two variants and a photo
each), starts the server as `./dev run` does with one web worker, rebuilds the cooperative's
index (timed), then sends a mix of 200 real-looking queries (words, two-word queries, typos,
regional spellings, SKUs) as `products(search:, first: 20)` with facets, and the same mix
as `searchSuggestions` on their first letters.

Searches run twice: with the summary cache off (SEARCH_CACHE_SECONDS=0: every search does
all its work) and as deployed (30 s: a query typed again reuses its ids, total and facets).
Prints one JSON line: p50, p95, requests/s per kind and client count, the rebuild time.
"""

import argparse
import http.client
import os
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from harness import django_against, emit, graphql_body, served

SEARCH = """query($q: String!) { products(cooperative: "kopmart-serang", first: 20, search: $q)
{ totalCount edges { node { name slug thumbnail(size: 256) priceRange { start { formatted } } } }
  facets { categories { id name count } sellers { id name count }
           priceRanges { min { amount } max { amount } count } halal inStock } } }"""
SUGGEST = """query($q: String!) { searchSuggestions(cooperative: "kopmart-serang", query: $q)
{ kind text slug } }"""

WORDS = ["keripik", "emping", "kopi", "sambal", "kerupuk", "dodol", "teh", "madu", "gula aren",
         "beras", "rengginang", "opak", "kue kering", "abon", "batik"]
FLAVOURS = ["original", "pedas", "manis", "balado", "bawang", "keju", "jagung bakar",
            "rumput laut", "robusta", "arabika", "melinjo", "singkong", "pisang"]
VARIANTS = {"keripik": ["kripik", "keripk", "kerpik"], "kerupuk": ["krupuk", "kerupu"],
            "emping": ["empng", "emping"], "sambal": ["sambel", "smbal"], "kopi": ["kopii"],
            "pedas": ["pedes", "pedass"], "balado": ["blado"], "singkong": ["singkon"],
            "robusta": ["robsta"], "dodol": ["dodl"], "rengginang": ["rengingang"]}


def query_mix(size: int = 200, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    queries = []
    while len(queries) < size:
        kind = rng.random()
        word, flavour = rng.choice(WORDS), rng.choice(FLAVOURS)
        if kind < 0.3:
            queries.append(word)
        elif kind < 0.65:
            queries.append(f"{word} {flavour}")
        elif kind < 0.9:
            typo = rng.choice(VARIANTS.get(word.split()[0], [word]))
            queries.append(f"{typo} {flavour}" if rng.random() < 0.5 else typo)
        else:
            queries.append(f"BENCH-{rng.randrange(100_000)}-S")
    return queries


def drive_mix(url: str, bodies: list[bytes], *, clients: int, rounds: int) -> dict:
    """Every body `rounds` times, shared out over `clients` keep-alive connections."""
    parts = urlsplit(url)
    work = [body for _ in range(rounds) for body in bodies]
    latencies, failures, lock = [], [0], threading.Lock()
    cursor = iter(range(len(work)))

    def one_client():
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        for body in bodies[:3]:  # warm-up
            connection.request("POST", parts.path, body=body,
                               headers={"Content-Type": "application/json"})
            connection.getresponse().read()
        while True:
            with lock:
                index = next(cursor, None)
            if index is None:
                break
            started = time.perf_counter()
            connection.request("POST", parts.path, body=work[index],
                               headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            payload = response.read()
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if response.status != 200 or b'"errors"' in payload:
                    failures[0] += 1
        connection.close()

    threads = [threading.Thread(target=one_client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {"clients": clients, "requests": len(latencies), "failures": failures[0],
            "requests_per_s": round(len(latencies) / wall, 1),
            "p50_ms": round(statistics.median(latencies) * 1000, 1),
            "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1)}


def rebuild_seconds(var_dir: Path) -> tuple[float, int, float]:
    """The cooperative's full rebuild, and one product's refresh as an edit does it (in the
    edit's transaction): seconds, products, milliseconds (median of 50)."""
    had_database_url = "DATABASE_URL" in os.environ
    django_against(var_dir)
    if not had_database_url:  # the next server starts its own embedded PostgreSQL again
        del os.environ["DATABASE_URL"]
    from django.db import transaction

    from backend.cooperatives.models import Cooperative
    from catalog.models import Product
    from catalog.search import products_changed, search_index_rebuild

    cooperative = Cooperative.objects.get(slug="kopmart-serang")
    started = time.perf_counter()
    count = search_index_rebuild(cooperative)
    rebuild = round(time.perf_counter() - started, 1)
    one = []
    for pk in Product.objects.of(cooperative).values_list("pk", flat=True)[:50]:
        with transaction.atomic():
            started = time.perf_counter()
            products_changed([pk])
            one.append(time.perf_counter() - started)
    return rebuild, count, round(statistics.median(one) * 1000, 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--var-dir", default=None,
                        help="keep the built catalog here and reuse it next time")
    args = parser.parse_args()
    queries = query_mix()
    searches = [graphql_body(SEARCH, {"q": q}) for q in queries]
    prefixes = [q.split()[0][: random.Random(i).randrange(2, 7)] + (
        " " + q.split()[1][:2] if len(q.split()) > 1 and i % 3 == 0 else "")
        for i, q in enumerate(queries)]
    suggestions = [graphql_body(SUGGEST, {"q": p}) for p in prefixes]
    keep_dir = args.var_dir or tempfile.mkdtemp(prefix="coopmart-bench-search-")
    figures = {"products": args.products, "variants": args.products * 2, "page_size": 20,
               "web_workers": 1, "queries": len(queries)}
    # First without the summary cache: every search does its full work.
    os.environ["SEARCH_CACHE_SECONDS"] = "0"
    started = time.perf_counter()
    with served(demo_size=args.products, web_workers=1, keep_dir=keep_dir) as base_url:
        figures["build_and_start_s"] = round(time.perf_counter() - started, 1)
        (figures["index_rebuild_s"], figures["indexed_products"],
         figures["index_one_product_ms"]) = rebuild_seconds(Path(keep_dir))
        url = base_url + "/graphql/"
        figures["search_no_cache_clients_1"] = drive_mix(url, searches, clients=1,
                                                         rounds=args.rounds)
        figures["search_no_cache_clients_4"] = drive_mix(url, searches, clients=4,
                                                         rounds=args.rounds)
        figures["suggest_clients_1"] = drive_mix(url, suggestions, clients=1,
                                                 rounds=args.rounds)
        figures["suggest_clients_4"] = drive_mix(url, suggestions, clients=4,
                                                 rounds=args.rounds)
    # Then as deployed (SEARCH_CACHE_SECONDS default): repeated queries reuse the summary.
    del os.environ["SEARCH_CACHE_SECONDS"]
    with served(demo_size=args.products, web_workers=1, keep_dir=keep_dir) as base_url:
        url = base_url + "/graphql/"
        figures["search_clients_1"] = drive_mix(url, searches, clients=1, rounds=args.rounds)
        figures["search_clients_4"] = drive_mix(url, searches, clients=4, rounds=args.rounds)
    emit("search", figures)


if __name__ == "__main__":
    main()
