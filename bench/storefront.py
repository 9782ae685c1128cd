"""Storefront pages rendered by the server: home, category, search and product pages of a
10,000-product catalog, over HTTP with one web worker.

    .venv/bin/python bench/storefront.py [--products 10000] [--requests 200] [--var-dir DIR]

Builds the catalog through `populatedb --size` (as bench/catalog_listing.py does), starts the
server as `./dev run` does, fetches each page from one keep-alive client and prints one JSON
line: p50 and p95 server time per page, the page's HTML weight (raw and gzipped; photos are
separate, lazily loaded requests), and how many photos the page asks for.
"""

import argparse
import gzip
import http.client
import re
import statistics
import time
from urllib.parse import urlsplit

from harness import emit, served

PREFIX = "/k/kopmart-serang"


def fetch(connection, path: str) -> tuple[int, bytes]:
    connection.request("GET", path, headers={"Accept-Language": "id"})
    response = connection.getresponse()
    return response.status, response.read()


def measure(base_url: str, path: str, requests: int, warmup: int = 5) -> dict:
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    latencies, failures, body = [], 0, b""
    for index in range(requests + warmup):
        started = time.perf_counter()
        status, body = fetch(connection, path)
        elapsed = time.perf_counter() - started
        if index >= warmup:
            latencies.append(elapsed)
            failures += status != 200
    connection.close()
    latencies.sort()
    return {
        "path": path, "requests": len(latencies), "failures": failures,
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1),
        "html_kb": round(len(body) / 1024, 1),
        "html_gzip_kb": round(len(gzip.compress(body)) / 1024, 1),
        "photos": len(re.findall(rb"<img ", body)),
    }


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
        parts = urlsplit(base_url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        product = "bench-5000" if args.products > 5000 else "bench-1"
        _status, page = fetch(connection, f"{PREFIX}/produk/{product}/")
        connection.close()
        # The product's own category, so the category page lists bench products.
        category = re.search(rb'href="(' + PREFIX.encode() + rb'/kategori/[^"]+)"', page)
        pages = {"home": f"{PREFIX}/", "category": category.group(1).decode(),
                 "search": f"{PREFIX}/cari/?q=emping",
                 "product": f"{PREFIX}/produk/{product}/"}
        figures = {"products": args.products, "web_workers": 1, "clients": 1,
                   "build_and_start_s": build_seconds}
        for name, path in pages.items():
            figures[name] = measure(base_url, path, args.requests)
    emit("storefront", figures)


if __name__ == "__main__":
    main()
