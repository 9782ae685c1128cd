import graphene
from graphene import relay
from query_optimizer import DjangoObjectType

from backend.accounts.permissions import Permission
from backend.graphql.core.connections import CountableConnection
from backend.graphql.core.inputs import input_dict
from backend.graphql.core.mutations import BaseMutation, ModelMutation
from backend.graphql.core.visibility import StaffOnly
from catalog.graphql.types import CategoryNode, SellerNode

from ..models import Voucher
from ..services import vouchers
from .errors import DiscountError

VoucherKindEnum = graphene.Enum("VoucherKindEnum", [("PERCENT", "percent"),
                                                    ("FIXED", "fixed")])


class VoucherNode(StaffOnly, DjangoObjectType):
    kind = graphene.Field(VoucherKindEnum, required=True)

    class Meta:
        model = Voucher
        name = "Voucher"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "code", "kind", "value", "min_spend", "starts_at", "ends_at",
                  "usage_limit", "per_customer_limit", "used_count", "category", "seller",
                  "is_active")

    @staticmethod
    def resolve_kind(root, info):
        return str(root.kind)


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


