"""The `pricing` the catalog's product and variant types show the current shopper."""

import graphene

from backend.graphql.core.money import Money

from ..services.eligibility import REASONS
from ..services.pricing import (
    priced_item,
    priced_variants,
    request_price_book,
    variant_cooperative_id,
)


class PricingType(graphene.ObjectType):
    class Meta:
        name = "Pricing"

    price = graphene.Field(Money, required=True, description="What this shopper pays.")
    regular_price = graphene.Field(Money, required=True)
    member_price = graphene.Field(Money, description="What a member pays (harga anggota), "
                                                     "when there is a member price.")
    is_member_price = graphene.Boolean(required=True)
    member_price_note = graphene.String(description="Why this shopper does not get the member "
                                                    "price shown, in plain words.")


def _to_type(pricing) -> PricingType:
    return PricingType(
        price=Money.of(pricing.price), regular_price=Money.of(pricing.regular_price),
        member_price=Money.of(pricing.member_price), is_member_price=pricing.is_member_price,
        member_price_note=str(REASONS[pricing.reason]) if pricing.reason else None)


def variant_pricing(request, variant) -> PricingType:
    book = request_price_book(request, variant_cooperative_id(variant))
    return _to_type(book.pricing(priced_item(variant)))


def product_pricing(request, product) -> PricingType | None:
    variants = getattr(product, "priced_variants", None)
    if variants is None:  # not loaded through the optimizer (a payload)
        variants = list(priced_variants(product.variants.all()))
    if not variants:
        return None
    book = request_price_book(request, variant_cooperative_id(variants[0]))
    return _to_type(book.cheapest(variants))


__all__ = ["PricingType", "priced_variants", "product_pricing", "variant_pricing"]
