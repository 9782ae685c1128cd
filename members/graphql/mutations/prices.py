"""Member prices: a variant's own member price and the cooperative's price rules."""

import graphene

from backend.accounts.permissions import Permission
from backend.graphql.core.errors import PermissionDenied
from backend.graphql.core.ids import node_for
from backend.graphql.core.inputs import input_dict
from backend.graphql.core.money import Money
from backend.graphql.core.mutations import BaseMutation, ModelMutation
from backend.graphql.core.permissions import authenticated_user
from catalog.graphql.types import CategoryNode, ProductNode, ProductVariantNode, SellerNode
from catalog.models import ProductVariant
from catalog.services.common import can_act_for_seller

from ...services import pricing
from ..types import MemberError, PriceRuleKindEnum, PriceRuleNode


class VariantMemberPriceSet(BaseMutation):
    member_price = graphene.Field(Money)

    class Arguments:
        id = graphene.ID(required=True, description="The variant.")
        price = graphene.Int(description="Whole rupiah; leave out to remove it.")

    class Meta:
        description = "Set a variant's member price (its seller, or the cooperative's staff)."
        error_type = MemberError
        login_required = True

    @classmethod
    def check_permissions(cls, info, **data):
        variant = cls.variant(info, data["id"])
        if not can_act_for_seller(authenticated_user(info), variant.product.seller):
            raise PermissionDenied()

    @staticmethod
    def variant(info, global_id) -> ProductVariant:
        cache = info.context.__dict__.setdefault("_mutation_objects", {})
        if ("ProductVariant", global_id) not in cache:
            cache[("ProductVariant", global_id)] = node_for(
                info, global_id, ProductVariantNode,
                queryset=ProductVariant.objects.select_related("product__seller"))
        return cache[("ProductVariant", global_id)]

    @classmethod
    def perform_mutation(cls, root, info, id, price=None):
        result = pricing.variant_member_price_set(cls.variant(info, id), price)
        return cls(member_price=Money.of(result.price if result else None), errors=[])


class PriceRuleInput(graphene.InputObjectType):
    name = graphene.String()
    kind = PriceRuleKindEnum()
    value = graphene.Decimal(description="Percent, or rupiah off.")
    category = graphene.ID()
    seller = graphene.ID()
    product = graphene.ID()
    member_categories = graphene.List(graphene.NonNull(graphene.String),
                                      description="Empty: for every member.")
    starts_at = graphene.DateTime()
    ends_at = graphene.DateTime()
    priority = graphene.Int()
    is_active = graphene.Boolean()


SCOPES = {"category": CategoryNode, "seller": SellerNode, "product": ProductNode}


def _rule_data(info, input, cooperative) -> dict:
    return input_dict(input, SCOPES, info=info, cooperative=cooperative)


class PriceRuleCreate(BaseMutation):
    price_rule = graphene.Field(PriceRuleNode)

    class Arguments:
        cooperative = graphene.String()
        input = PriceRuleInput(required=True)

    class Meta:
        error_type = MemberError
        permission = Permission.MANAGE_MEMBERS

    @classmethod
    def perform_mutation(cls, root, info, input, cooperative=None):
        coop = cls.get_cooperative(info, cooperative=cooperative)
        rule = pricing.price_rule_save(coop, _rule_data(info, input, coop))
        return cls(price_rule=rule, errors=[])


class _RuleById(ModelMutation):
    node = PriceRuleNode

    class Meta:
        abstract = True


class PriceRuleUpdate(_RuleById):
    price_rule = graphene.Field(PriceRuleNode)

    class Arguments:
        id = graphene.ID(required=True)
        input = PriceRuleInput(required=True)

    class Meta:
        error_type = MemberError
        permission = Permission.MANAGE_MEMBERS

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        rule = cls.get_object(info, id)
        return cls(price_rule=pricing.price_rule_save(
            rule.cooperative, _rule_data(info, input, rule.cooperative), rule), errors=[])


class PriceRuleDelete(_RuleById):
    deleted_id = graphene.ID()

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        error_type = MemberError
        permission = Permission.MANAGE_MEMBERS

    @classmethod
    def perform_mutation(cls, root, info, id):
        pricing.price_rule_delete(cls.get_object(info, id))
        return cls(deleted_id=id, errors=[])
