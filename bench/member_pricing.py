"""The storefront listing with member prices, for a verified member and for a guest.

    .venv/bin/python bench/member_pricing.py [--products 10000] [--requests 200]

Same catalog as catalog_listing (with one member price rule and explicit member prices on a
tenth of the variants); prints one JSON line: p50/p95 for a guest and for a member, and
their ratio.
"""

import argparse
from decimal import Decimal

from harness import django_against, drive, emit, graphql_body, last_var_dir, served

LISTING = """{ products(cooperative: "kopmart-serang", first: 100) { edges { node {
  name slug thumbnail(size: 256) category { name } seller { businessName }
  pricing { price { formatted } memberPrice { formatted } isMemberPrice } } } } }"""


def member_token() -> str:
    from backend.accounts.jwt import create_access_token
    from backend.accounts.models import User
    from backend.cooperatives.models import Cooperative
    from catalog.models import ProductVariant
    from members.models import Member, PriceRule, VariantMemberPrice

    serang = Cooperative.objects.get(slug="kopmart-serang")
    user, _ = User.objects.get_or_create(email="anggota-bench@example.test")
    Member.objects.get_or_create(cooperative=serang, member_number="BENCH-1", defaults={
        "full_name": "Anggota Bench", "status": "anggota", "user": user})
    PriceRule.objects.get_or_create(cooperative=serang, name="Anggota 5%", defaults={
        "kind": "percent", "value": Decimal(5)})
    variants = ProductVariant.objects.filter(cooperative=serang, sku__startswith="BENCH-")
    VariantMemberPrice.objects.bulk_create(
        [VariantMemberPrice(cooperative=serang, variant=v, price=v.price * 90 // 100)
         for v in variants.filter(sku__endswith="0-S")], ignore_conflicts=True)
    return create_access_token(user)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--var-dir", default=None)
    args = parser.parse_args()
    with served(demo_size=args.products, web_workers=1, keep_dir=args.var_dir) as base_url:
        django_against(last_var_dir())
        token = member_token()
        url, body = base_url + "/graphql/", graphql_body(LISTING)
        guest = drive(url, body, clients=1, requests=args.requests)
        member = drive(url, body, clients=1, requests=args.requests,
                       headers={"Authorization": f"Bearer {token}"})
    emit("member_pricing", {
        "products": args.products, "page_size": 100, "web_workers": 1,
        "guest": guest, "member": member,
        "member_to_guest_p50": round(member["p50_ms"] / guest["p50_ms"], 2)})


if __name__ == "__main__":
    main()
