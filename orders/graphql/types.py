"""The order domain's GraphQL types: carts, orders and their lines as shoppers, staff and
sellers see them."""

import graphene
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Case, F, OuterRef, Subquery, When
from django.urls import reverse
from django.utils.translation import gettext as _
from graphene import relay
from query_optimizer import DjangoObjectType, ManuallyOptimizedField

from backend.accounts.error_codes import AccountErrorCode
from backend.cooperatives.tenancy import cooperative_for
from backend.error_codes import CommonErrorCode, FileErrorCode
from backend.graphql.core.connections import CountableConnection, DjangoListField
from backend.graphql.core.errors import error_code_enum, error_type
from backend.graphql.core.money import Money, money_field
from backend.graphql.core.visibility import StaffOnly
from inventory.error_codes import InventoryErrorCode
from payments.error_codes import PaymentsErrorCode

from .. import error_codes as codes
from ..models import (
    Checkout,
    CourierRate,
    DeliveryMethod,
    LineFulfilment,
    LocalDeliveryArea,
    Order,
    OrderLine,
    OrderStatus,
    Payment,
    PaymentMethod,
    PaymentStatus,
    PayoutEntry,
    Refund,
    SellerPayout,
    Voucher,
)
from ..selectors import (
    checkout_for_token,
    checkout_payment_methods,
    order_online_payment,
    order_online_payment_methods,
    orders_visible_to,
    payouts_visible_to,
    seller_lines_visible_to,
)
from ..services import checkout as services


def _enum(name: str, choices) -> type[graphene.Enum]:
    return graphene.Enum(name, [(c.name, c.value) for c in choices])


OrderStatusEnum = _enum("OrderStatusEnum", OrderStatus)
PaymentMethodEnum = _enum("PaymentMethodEnum", PaymentMethod)
PaymentStatusEnum = _enum("PaymentStatusEnum", PaymentStatus)
DeliveryMethodEnum = _enum("DeliveryMethodEnum", DeliveryMethod)
FulfilmentEnum = _enum("LineFulfilmentEnum", LineFulfilment)

# The error types of the mutations, one per area (Saleor's names where it has the area),
# each made from the codes declared in orders/error_codes.py.
CheckoutErrorCode = error_code_enum("CheckoutErrorCode", codes.CheckoutErrorCode,
                                    codes.PaymentErrorCode,
                                    InventoryErrorCode.INSUFFICIENT_STOCK)
CheckoutError = error_type("CheckoutError", CheckoutErrorCode)

OrderErrorCode = error_code_enum("OrderErrorCode", codes.OrderErrorCode,
                                 codes.PaymentErrorCode, FileErrorCode, PaymentsErrorCode,
                                 AccountErrorCode.INVALID_CODE, AccountErrorCode.CODE_EXPIRED,
                                 AccountErrorCode.TOO_MANY_TRIES)
OrderError = error_type("OrderError", OrderErrorCode)

PayoutErrorCode = error_code_enum("PayoutErrorCode", codes.PayoutErrorCode)
PayoutError = error_type("PayoutError", PayoutErrorCode)

# Vouchers and delivery settings raise only the common codes.
DiscountErrorCode = error_code_enum("DiscountErrorCode")
DiscountError = error_type("DiscountError", DiscountErrorCode)

ShippingErrorCode = error_code_enum("ShippingErrorCode")
ShippingError = error_type("ShippingError", ShippingErrorCode)


class Address(graphene.ObjectType):
    street_address = graphene.String()
    rt_rw = graphene.String()
    village = graphene.String()
    district = graphene.String()
    city = graphene.String()
    province = graphene.String()
    postal_code = graphene.String()
    recipient_name = graphene.String()
    phone = graphene.String()
    address_line = graphene.String()

    @staticmethod
    def of(obj) -> "Address | None":
        if not obj.city:
            return None
        return Address(**{f: getattr(obj, f) for f in obj.ADDRESS_FIELDS},
                       recipient_name=obj.recipient_name, phone=obj.phone,
                       address_line=obj.address_line)


class AddressInput(graphene.InputObjectType):
    street_address = graphene.String(required=True, description="Street and house number.")
    rt_rw = graphene.String(description="Such as 003/007.")
    village = graphene.String(required=True, description="Kelurahan/desa.")
    district = graphene.String(required=True, description="Kecamatan.")
    city = graphene.String(required=True, description="Kabupaten/kota.")
    province = graphene.String(required=True)
    postal_code = graphene.String(required=True)
    recipient_name = graphene.String(required=True)
    phone = graphene.String()


class DeliveryOptionType(graphene.ObjectType):
    class Meta:
        name = "DeliveryOption"

    code = graphene.String(required=True, description="Give it to checkoutDeliveryMethodUpdate.")
    method = graphene.Field(DeliveryMethodEnum, required=True)
    name = graphene.String(required=True)
    fee = graphene.Field(Money, required=True)
    days = graphene.Int()

    @staticmethod
    def of(option) -> "DeliveryOptionType":
        return DeliveryOptionType(code=option.code, method=str(option.method), name=option.name,
                                  fee=Money.of(option.fee), days=option.days)


class CheckoutPayment(graphene.ObjectType):
    method = graphene.Field(PaymentMethodEnum, required=True)
    amount = graphene.Field(Money, required=True)
    status = graphene.Field(PaymentStatusEnum, required=True)
    client_secret = graphene.String(description="For Stripe.js to confirm the card.")
    publishable_key = graphene.String()

    @staticmethod
    def of(payment) -> "CheckoutPayment | None":
        if payment is None:
            return None
        return CheckoutPayment(method=str(payment.method), amount=Money.of(payment.amount),
                               status=str(payment.status), client_secret=payment.client_secret,
                               publishable_key=settings.STRIPE_PUBLISHABLE_KEY or None)


class CheckoutLineType(graphene.ObjectType):
    class Meta:
        name = "CheckoutLine"

    variant_id = graphene.ID(required=True)
    sku = graphene.String(required=True)
    product_name = graphene.String(required=True)
    quantity = graphene.Int(required=True)
    unit_price = graphene.Field(Money, required=True)
    regular_unit_price = graphene.Field(Money, required=True)
    is_member_price = graphene.Boolean(required=True)
    total = graphene.Field(Money, required=True)


class CheckoutType(graphene.ObjectType):
    class Meta:
        name = "Checkout"

    token = graphene.UUID(required=True)
    email = graphene.String()
    phone = graphene.String()
    pickup_location = graphene.Field("inventory.graphql.types.LocationNode",
                                     description="The store that serves the order.")
    delivery_method = graphene.Field(DeliveryMethodEnum, required=True)
    delivery = graphene.Field(DeliveryOptionType, description="The chosen delivery, if any.")
    shipping_address = graphene.Field(Address)
    available_delivery_options = graphene.List(
        graphene.NonNull(DeliveryOptionType), required=True,
        description="Delivery to the shipping address (pickup stores are `locations`).")
    payment_method = graphene.Field(PaymentMethodEnum)
    available_payment_methods = graphene.List(
        graphene.NonNull(PaymentMethodEnum), required=True,
        description="The ways this checkout can be paid with its delivery method and the "
                    "cooperative's settings (Saleor: availablePaymentGateways).")
    lines = graphene.List(graphene.NonNull(CheckoutLineType), required=True)
    weight_grams = graphene.Int(required=True)
    subtotal = graphene.Field(Money, required=True)
    discount = graphene.Field(Money, required=True)
    voucher_code = graphene.String()
    delivery_fee = graphene.Field(Money, required=True)
    total = graphene.Field(Money, required=True)
    vat_included = graphene.Field(Money, required=True, description="PPN inside the total.")
    member_price_note = graphene.String()

    @staticmethod
    def of(checkout: Checkout) -> "CheckoutType":
        from ..services.checkout_delivery import checkout_delivery_options

        totals = services.checkout_totals(checkout)
        return CheckoutType(
            token=checkout.token, email=checkout.email, phone=checkout.phone,
            pickup_location=checkout.pickup_location,
            delivery_method=str(checkout.delivery_method),
            delivery=DeliveryOptionType.of(totals.delivery) if totals.delivery else None,
            shipping_address=Address.of(checkout),
            available_delivery_options=[DeliveryOptionType.of(o) for o in
                                        checkout_delivery_options(checkout)],
            payment_method=checkout.payment_method or None,
            available_payment_methods=[str(m) for m in checkout_payment_methods(checkout)],
            lines=[CheckoutLineType(
                variant_id=graphene.Node.to_global_id("ProductVariant", p.line.variant_id),
                sku=p.line.variant.sku, product_name=p.line.variant.product.name,
                quantity=p.line.quantity, unit_price=Money.of(p.unit_price),
                regular_unit_price=Money.of(p.regular_unit_price),
                is_member_price=p.is_member_price, total=Money.of(p.total))
                for p in totals.lines],
            weight_grams=totals.weight_grams,
            subtotal=Money.of(totals.subtotal), discount=Money.of(totals.discount),
            voucher_code=checkout.voucher.code if checkout.voucher_id else None,
            delivery_fee=Money.of(totals.delivery_fee), total=Money.of(totals.total),
            vat_included=Money.of(totals.vat_included),
            member_price_note=totals.member_price_note or None)


class OrderLineNode(DjangoObjectType):
    unit_price = money_field("unit_price")
    line_total = money_field("line_total")
    fulfilment = graphene.Field(FulfilmentEnum, required=True)

    class Meta:
        model = OrderLine
        name = "OrderLine"
        interfaces = (relay.Node,)
        fields = ("id", "product_name", "variant_name", "sku", "quantity", "unit_price",
                  "is_member_price", "line_total", "fulfilment", "tracking_number",
                  "refunded_quantity")

    @staticmethod
    def resolve_fulfilment(root, info):
        return str(root.fulfilment)


class SellerOrderLineNode(DjangoObjectType):
    """An order line as its seller sees it: what to prepare and where, no shopper details."""

    order_number = graphene.String(required=True)
    order_status = graphene.Field(OrderStatusEnum, required=True)
    delivery_method = graphene.Field(DeliveryMethodEnum, required=True)
    pickup_store = graphene.String()
    fulfilment = graphene.Field(FulfilmentEnum, required=True)

    class Meta:
        model = OrderLine
        name = "SellerOrderLine"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "product_name", "variant_name", "sku", "quantity", "fulfilment",
                  "tracking_number", "refunded_quantity")

    @classmethod
    def lookup_queryset(cls, queryset, info):
        return seller_lines_visible_to(info.context.user, queryset)

    @staticmethod
    def resolve_order_number(root, info):
        return root.order.number

    @staticmethod
    def resolve_order_status(root, info):
        return str(root.order.status)

    @staticmethod
    def resolve_delivery_method(root, info):
        return str(root.order.delivery_method)

    @staticmethod
    def resolve_pickup_store(root, info):
        return root.order.pickup_location.name if root.order.pickup_location_id else None

    @staticmethod
    def resolve_fulfilment(root, info):
        return str(root.fulfilment)


class RefundNode(DjangoObjectType):
    amount = money_field("amount")

    class Meta:
        model = Refund
        name = "Refund"
        fields = ("id", "amount", "reason", "restock", "created_at")


LATEST_PAYMENT_STATUS = Subquery(
    Payment.objects.filter(order=OuterRef("pk")).order_by("-pk").values("status")[:1])


class OrderNode(DjangoObjectType):
    status = graphene.Field(OrderStatusEnum, required=True)
    delivery_method = graphene.Field(DeliveryMethodEnum, required=True)
    payment_method = graphene.Field(PaymentMethodEnum, required=True)
    subtotal = money_field("subtotal")
    discount = money_field("discount")
    delivery_fee = money_field("delivery_fee")
    total = money_field("total")
    vat_included = money_field("vat_included", description="PPN inside the total.")
    refunded_total = money_field("refunded_total")
    shipping_address = graphene.Field(Address)
    lines = DjangoListField(OrderLineNode, required=True)
    refunds = DjangoListField(RefundNode, required=True)
    payment_status = ManuallyOptimizedField(PaymentStatusEnum,
                                            description="Card payments only.")
    pickup_code = graphene.String(description="The shopper's code to collect the order.")
    payment_proof_url = graphene.String(description="The transfer receipt (staff, shopper).")
    bank_transfer_instructions = ManuallyOptimizedField(graphene.String)
    online_payment = graphene.Field(
        "payments.graphql.types.PaymentAttemptNode",
        description="The latest QRIS, virtual account or e-wallet payment (poll its state).")
    online_payment_methods = graphene.List(
        graphene.NonNull("payments.graphql.types.PaymentMethodOnlineEnum"), required=True,
        description="The ways an unpaid online order can be paid now (orderPaymentCreate).")

    class Meta:
        model = Order
        name = "Order"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "number", "status", "email", "phone", "pickup_location",
                  "delivery_method", "delivery_name", "payment_method", "subtotal",
                  "discount", "delivery_fee", "total", "vat_included", "refunded_total",
                  "member_price_note", "created_at", "paid_at", "lines", "refunds",
                  "pickup_code")

    @classmethod
    def filter_queryset(cls, queryset, info):
        return orders_visible_to(info.context.user, queryset)

    @staticmethod
    def resolve_online_payment(root, info):
        return order_online_payment(root)

    @staticmethod
    def resolve_online_payment_methods(root, info):
        return order_online_payment_methods(root)

    @staticmethod
    def resolve_status(root, info):
        return str(root.status)

    @staticmethod
    def resolve_delivery_method(root, info):
        return str(root.delivery_method)

    @staticmethod
    def resolve_payment_method(root, info):
        return str(root.payment_method)

    @staticmethod
    def resolve_shipping_address(root, info):
        return Address.of(root)

    @staticmethod
    def optimize_payment_status(queryset, optimizer, **kwargs):
        return queryset.annotate(latest_payment_status=LATEST_PAYMENT_STATUS)

    @staticmethod
    def resolve_payment_status(root, info):
        # A listing gets it annotated in its one query; a mutation's order asks here.
        if not hasattr(root, "latest_payment_status"):
            root.latest_payment_status = Order.objects.filter(pk=root.pk).annotate(
                status_=LATEST_PAYMENT_STATUS).values_list("status_", flat=True).first()
        return root.latest_payment_status

    @staticmethod
    def optimize_bank_transfer_instructions(queryset, optimizer, **kwargs):
        return queryset.annotate(listed_bank_transfer_instructions=Case(
            When(payment_method=PaymentMethod.BANK_TRANSFER,
                 then=F("cooperative__bank_transfer_instructions")), default=None))

    @staticmethod
    def resolve_payment_proof_url(root, info):
        if not root.payment_proof:
            return None
        return info.context.build_absolute_uri(reverse("orders:payment-proof",
                                                       args=[root.pk]))

    @staticmethod
    def resolve_bank_transfer_instructions(root, info):
        if hasattr(root, "listed_bank_transfer_instructions"):
            return root.listed_bank_transfer_instructions
        if root.payment_method != PaymentMethod.BANK_TRANSFER:
            return None
        return root.cooperative.bank_transfer_instructions

    @staticmethod
    def resolve_pickup_code(root, info):
        user = info.context.user
        own = user.is_authenticated and root.user_id == user.pk
        # A guest who has just opened the order with a code (orderLookupOpen) sees it too.
        opened = root.pk in getattr(info.context, "orders_opened_with_code", ())
        return root.pickup_code if own or opened else None


def checkout_of(info, token) -> Checkout:
    """The asker's cart in the request's cooperative (the page's rule: one selector)."""
    checkout = checkout_for_token(cooperative_for(info.context), token, info.context.user)
    if checkout is None:
        raise ValidationError({"token": ValidationError(_("No such cart."),
                                                        code=CommonErrorCode.NOT_FOUND)})
    return checkout


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


class LocalDeliveryAreaNode(StaffOnly, DjangoObjectType):
    fee = money_field("fee")

    class Meta:
        model = LocalDeliveryArea
        name = "LocalDeliveryArea"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "name", "city", "district", "fee", "is_active")


class CourierRateNode(StaffOnly, DjangoObjectType):
    fee = money_field("fee")

    class Meta:
        model = CourierRate
        name = "CourierRate"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "service", "max_grams", "fee", "days", "is_active")


class PayoutEntryNode(DjangoObjectType):
    order_number = graphene.String(required=True)
    product_name = graphene.String(required=True)
    gross = money_field("gross")
    commission = money_field("commission")
    amount = money_field("amount")

    class Meta:
        model = PayoutEntry
        name = "PayoutEntry"
        fields = ("id", "kind", "quantity", "gross", "commission_percent", "commission",
                  "amount", "created_at")

    @staticmethod
    def resolve_order_number(root, info):
        return root.sale_number

    @staticmethod
    def resolve_product_name(root, info):
        return root.product_name


class SellerPayoutNode(DjangoObjectType):
    gross = money_field("gross")
    commission = money_field("commission")
    amount = money_field("amount")
    entries = DjangoListField(PayoutEntryNode, required=True)

    class Meta:
        model = SellerPayout
        name = "SellerPayout"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "seller", "period_start", "period_end", "gross", "commission",
                  "amount", "status", "paid_at", "payment_reference", "entries")

    @classmethod
    def filter_queryset(cls, queryset, info):
        return payouts_visible_to(info.context.user, queryset)
