"""The till's queries: shifts, sales, a scanned code, a member at the counter."""

import graphene
from django.core.exceptions import ValidationError
from graphql import GraphQLError

from backend.graphql.core.connections import DjangoConnectionField
from backend.graphql.core.ids import required_node
from backend.graphql.core.money import Money
from backend.graphql.core.permissions import check_permission, require_cooperative
from inventory.graphql.types import LocationNode
from members.services.pricing import PriceBook, priced_item

from .. import selectors
from ..models import Shift
from ..services.shifts import is_till_manager
from .types import SELL, BarcodeMatchType, TillMemberType, TillSaleNode, TillShiftNode


def _member(cooperative, code):
    """The member a code names, or a top-level error the cashier can read."""
    try:
        return selectors.till_member_find(cooperative, code)
    except ValidationError as error:
        raise GraphQLError(error.messages[0], extensions={"code": "INVALID"}) from None


class TillQueries(graphene.ObjectType):
    till_shifts = DjangoConnectionField(
        TillShiftNode, cooperative=graphene.String(), location=graphene.ID(),
        open=graphene.Boolean(), description="Shifts: a manager sees all, a cashier theirs.")
    till_sales = DjangoConnectionField(
        TillSaleNode, cooperative=graphene.String(), shift=graphene.ID(),
        flagged=graphene.Boolean(description="Only sales the manager should look at."))
    variant_by_barcode = graphene.Field(
        BarcodeMatchType, code=graphene.String(required=True), cooperative=graphene.String(),
        member=graphene.String(description="The member's card token, number or phone."),
        description="A barcode, SKU or a scale's price barcode; null when nothing matches.")
    till_member = graphene.Field(
        TillMemberType, code=graphene.String(required=True), cooperative=graphene.String(),
        description="A member by card token, member number or phone; null when none.")

    @staticmethod
    def resolve_till_shifts(root, info, cooperative=None, location=None, open=None, **kwargs):
        found = require_cooperative(info, cooperative)
        check_permission(info, found, SELL)
        queryset = Shift.objects.of(found)
        if not is_till_manager(info.context.user, found):
            queryset = queryset.filter(cashier=info.context.user)
        if location:
            queryset = queryset.filter(location=required_node(
                info, location, LocationNode, field="location", cooperative=found))
        return queryset if open is None else queryset.filter(closed_at__isnull=open)

    @staticmethod
    def resolve_till_sales(root, info, cooperative=None, shift=None, flagged=None, **kwargs):
        found = require_cooperative(info, cooperative)
        check_permission(info, found, SELL)
        shift_obj = required_node(info, shift, TillShiftNode, field="shift",
                                  cooperative=found) if shift else None
        return selectors.till_sales(found, shift=shift_obj, flagged=flagged)

    @staticmethod
    def resolve_variant_by_barcode(root, info, code, cooperative=None, member=None):
        found = require_cooperative(info, cooperative)
        check_permission(info, found, SELL)
        match = selectors.variant_by_barcode(found, code)
        if match is None:
            return None
        variant = match.variant
        if match.embedded_price is not None:
            price = regular = match.embedded_price
            member_price, is_member = None, False
        else:
            eligibility = selectors.member_at_till(found, _member(found, member))
            pricing = PriceBook(found, eligibility).pricing(priced_item(variant))
            price, regular = pricing.price, pricing.regular_price
            member_price, is_member = pricing.member_price, pricing.is_member_price
        return BarcodeMatchType(
            variant=variant, name=str(variant), price=Money.of(price),
            regular_price=Money.of(regular), member_price=Money.of(member_price),
            is_member_price=is_member, weight_grams=match.weight_grams,
            price_embedded=match.embedded_price is not None)

    @staticmethod
    def resolve_till_member(root, info, code, cooperative=None):
        found = require_cooperative(info, cooperative)
        check_permission(info, found, SELL)
        member = _member(found, code)
        if member is None:
            return None
        eligibility = selectors.member_at_till(found, member)
        return TillMemberType(
            name=member.full_name, number=member.member_number, eligible=eligibility.eligible,
            reason=eligibility.message,
            patronage_this_year=Money.of(selectors.member_patronage_this_year(member)))
