"""What the abuse limits cost legitimate users: sign-in and search, one web worker.

    .venv/bin/python bench/security.py [--requests 200] [--demo-size 1000]

Starts the server as `./dev run` does (demo data of the given size), then times sign-ins
(`tokenCreate` with a demo account: one Argon2 check each) from one client, and a product
search (`products(search:, first: 20)`) from one and from four clients. The per-address
sign-in cap is lifted for the run (SIGN_IN_ATTEMPTS_PER_ADDRESS_PER_MINUTE=0), as every
request here comes from one address; all other limits are as deployed. Runs unchanged on
older commits, to compare before and after.

Prints one JSON line: p50, p95 and requests/s of each.
"""

import argparse
import os

from harness import drive, emit, graphql_body, served

SIGN_IN = """mutation($login: String!, $password: String!) {
  tokenCreate(login: $login, password: $password) { token } }"""
SEARCH = """query($q: String!) { products(cooperative: "kopmart-serang", first: 20, search: $q)
{ totalCount edges { node { name slug priceRange { start { formatted } } } } } }"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--demo-size", type=int, default=1000)
    args = parser.parse_args()
    os.environ["SIGN_IN_ATTEMPTS_PER_ADDRESS_PER_MINUTE"] = "0"
    os.environ["AXES_ENABLED"] = "0"  # successful sign-ins only; no lock to trip either way
    with served(demo_size=args.demo_size, web_workers=1) as base_url:
        url = base_url + "/graphql/"
        sign_in = drive(url, graphql_body(SIGN_IN, {
            "login": "manajer@kopmart-serang.test", "password": "koperasi-demo-2026"}),
            clients=1, requests=max(20, args.requests // 4))
        search_body = graphql_body(SEARCH, {"q": "keripik pedas"})
        search_1 = drive(url, search_body, clients=1, requests=args.requests)
        search_4 = drive(url, search_body, clients=4, requests=args.requests)
    emit("security", {"demo_size": args.demo_size, "web_workers": 1, "sign_in": sign_in,
                      "search_clients_1": search_1, "search_clients_4": search_4})


if __name__ == "__main__":
    main()
