"""Vouchers: the cooperative's promo codes."""

import graphene

from backend.accounts.permissions import Permission
from backend.graphql.core.inputs import input_dict
from backend.graphql.core.mutations import BaseMutation, ModelMutation
from catalog.graphql.types import CategoryNode, SellerNode

from ...services import vouchers
from ..types import DiscountError, VoucherKindEnum, VoucherNode


class VoucherInput(graphene.InputObjectType):
    code = graphene.String()
    kind = VoucherKindEnum()
    value = graphene.Int(description="Percent, or whole rupiah.")
    min_spend = graphene.Int()
    starts_at = graphene.DateTime()
    ends_at = graphene.DateTime()
    usage_limit = graphene.Int()
    per_customer_limit = graphene.Int()
    category = graphene.ID()
    seller = graphene.ID()
    is_active = graphene.Boolean()


def _voucher_data(info, input, cooperative) -> dict:
    return input_dict(input, {"category": CategoryNode, "seller": SellerNode}, info=info,
                      cooperative=cooperative)


class VoucherCreate(BaseMutation):
    voucher = graphene.Field(VoucherNode)

    class Arguments:
        cooperative = graphene.String()
        input = VoucherInput(required=True)

    class Meta:
        error_type = DiscountError
        permission = Permission.MANAGE_ORDERS

    @classmethod
    def perform_mutation(cls, root, info, input, cooperative=None):
        coop = cls.get_cooperative(info, cooperative=cooperative)
        voucher = vouchers.voucher_save(coop, _voucher_data(info, input, coop))
        return cls(voucher=voucher, errors=[])


class _VoucherById(ModelMutation):
    node = VoucherNode

    class Meta:
        abstract = True


class VoucherUpdate(_VoucherById):
    voucher = graphene.Field(VoucherNode)

    class Arguments:
        id = graphene.ID(required=True)
        input = VoucherInput(required=True)

    class Meta:
        error_type = DiscountError
        permission = Permission.MANAGE_ORDERS

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        voucher = cls.get_object(info, id)
        return cls(voucher=vouchers.voucher_save(voucher.cooperative, _voucher_data(
            info, input, voucher.cooperative), voucher), errors=[])


class VoucherDelete(_VoucherById):
    deleted_id = graphene.ID()

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = "Turns the voucher off (orders that used it keep it)."
        error_type = DiscountError
        permission = Permission.MANAGE_ORDERS

    @classmethod
    def perform_mutation(cls, root, info, id):
        voucher = cls.get_object(info, id)
        vouchers.voucher_save(voucher.cooperative, {"is_active": False}, voucher)
        return cls(deleted_id=id, errors=[])


