"""Baseline of the API: a small GraphQL query against one web worker.

    .venv/bin/python bench/api_baseline.py [--requests 400]

Prints one JSON line: requests/s, p50 and p95 for 1 and 8 concurrent clients.
"""

import argparse

from harness import drive, emit, graphql_body, served

QUERY = '{ cooperative(slug: "kopmart-serang") { name slug city cooperativeType } }'


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()
    with served(web_workers=1) as base_url:
        url = base_url + "/graphql/"
        body = graphql_body(QUERY)
        one = drive(url, body, clients=1, requests=args.requests)
        eight = drive(url, body, clients=8, requests=args.requests)
    emit("api_baseline", {"query": "cooperative(slug)", "web_workers": 1,
                          "clients_1": one, "clients_8": eight})


if __name__ == "__main__":
    main()
