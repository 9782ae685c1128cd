"""The till's GraphQL types and error codes."""

import graphene
from graphene import relay
from query_optimizer import DjangoObjectType

from backend.accounts.permissions import Permission
from backend.graphql.core.connections import CountableConnection, DjangoListField
from backend.graphql.core.errors import error_code_enum, error_type
from backend.graphql.core.money import Money, money_field
from backend.graphql.core.visibility import StaffOnly
from catalog.graphql.types import ProductVariantNode
from inventory.graphql.types import LocationNode

from ..error_codes import TillErrorCode as Codes
from ..models import PaymentKind, Shift, TillPayment, TillSale, TillSaleLine, TillSaleStatus

TillErrorCode = error_code_enum("TillErrorCode", Codes)
TillError = error_type("TillError", TillErrorCode)
SELL = Permission.HANDLE_SALES  # what every till operation needs
TillPaymentMethodEnum = graphene.Enum("TillPaymentMethod",
                                      [(k.name, k.value) for k in PaymentKind])
TillSaleStatusEnum = graphene.Enum("TillSaleStatus", [(k.name, k.value) for k in TillSaleStatus])


class MethodAmount(graphene.ObjectType):
    method = graphene.Field(TillPaymentMethodEnum, required=True)
    amount = graphene.Field(Money, required=True)


def _by_method(amounts: dict) -> list[MethodAmount]:
    return [MethodAmount(method=k, amount=Money.of(v)) for k, v in (amounts or {}).items()]


class TillShiftNode(StaffOnly, DjangoObjectType):
    location = graphene.Field(LocationNode, required=True)
    cashier_name = graphene.String(required=True)
    opening_float = money_field("opening_float")
    counted_cash = money_field("counted_cash", required=False)
    difference = money_field("difference")
    expected = graphene.List(graphene.NonNull(MethodAmount), required=True,
                             description="Per payment method: at closing, or so far.")
    is_open = graphene.Boolean(required=True)

    class Meta:
        model = Shift
        name = "TillShift"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "location", "opened_at", "closed_at", "opening_float", "counted_cash",
                  "difference", "difference_reason")

    @staticmethod
    def resolve_cashier_name(root, info):
        return root.cashier.full_name or str(root.cashier)

    @staticmethod
    def resolve_expected(root, info):
        from ..selectors import shift_expected

        return _by_method(root.expected if root.closed_at else shift_expected(root))

    @staticmethod
    def resolve_is_open(root, info):
        return root.closed_at is None


class TillSaleLineNode(StaffOnly, DjangoObjectType):
    variant = graphene.Field(ProductVariantNode)
    unit_price = money_field("unit_price")
    regular_unit_price = money_field("regular_unit_price")
    discount = money_field("discount")
    line_total = money_field("line_total")

    class Meta:
        model = TillSaleLine
        name = "TillSaleLine"
        interfaces = (relay.Node,)
        fields = ("id", "variant", "product_name", "sku", "barcode", "quantity", "unit_price",
                  "regular_unit_price", "is_member_price", "discount", "line_total", "voided",
                  "refunded_quantity")


class TillPaymentType(DjangoObjectType):
    method = graphene.Field(TillPaymentMethodEnum, required=True)
    amount = money_field("amount")
    tendered = money_field("tendered")

    class Meta:
        model = TillPayment
        name = "TillPayment"
        fields = ("method", "amount", "tendered", "approval_code")

    @staticmethod
    def resolve_method(root, info):
        return root.method


class TillSaleNode(StaffOnly, DjangoObjectType):
    status = graphene.Field(TillSaleStatusEnum, required=True)
    client_id = graphene.String(required=True)
    subtotal = money_field("subtotal")
    discount = money_field("discount")
    total = money_field("total")
    change = money_field("change")
    member_savings = money_field("member_savings")
    refunded_total = money_field("refunded_total")
    flags = graphene.List(graphene.NonNull(graphene.String), required=True)
    lines = DjangoListField(TillSaleLineNode, required=True)
    payments = DjangoListField(TillPaymentType, required=True)
    shift = graphene.Field(TillShiftNode, required=True)

    class Meta:
        model = TillSale
        name = "TillSale"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "number", "client_id", "device_id", "shift", "location", "member_name",
                  "member_number", "member_eligible", "member_price_note", "status",
                  "subtotal", "discount", "total", "change", "member_savings",
                  "refunded_total", "offline", "flags", "sold_at", "created_at", "lines",
                  "payments")

    @staticmethod
    def resolve_status(root, info):
        return root.status

    @staticmethod
    def resolve_client_id(root, info):
        return str(root.client_id)


class BarcodeMatchType(graphene.ObjectType):
    """A scanned or typed code at the till, priced for the member named (if any)."""

    variant = graphene.Field(ProductVariantNode, required=True)
    name = graphene.String(required=True)
    price = graphene.Field(Money, required=True, description="What this customer pays.")
    regular_price = graphene.Field(Money, required=True)
    member_price = graphene.Field(Money)
    is_member_price = graphene.Boolean(required=True)
    weight_grams = graphene.Int(description="A scale's weight barcode.")
    price_embedded = graphene.Boolean(required=True,
                                      description="The price came from the barcode.")


class TillMemberType(graphene.ObjectType):
    """A member named at the till: name and number only (never the NIK)."""

    name = graphene.String(required=True)
    number = graphene.String(required=True)
    eligible = graphene.Boolean(required=True, description="Pays member prices now.")
    reason = graphene.String(required=True, description="Why not, when not.")
    patronage_this_year = graphene.Field(Money, required=True)
