import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from graphene import relay
from query_optimizer import DjangoListField, DjangoObjectType

from backend.accounts.permissions import Permission
from backend.graphql.core.connections import CountableConnection, DjangoConnectionField
from backend.graphql.core.errors import PermissionDenied, error_code_enum, error_type
from backend.graphql.core.ids import get_by_global_id, pk_from_global_id
from backend.graphql.core.inputs import enum_value, input_dict
from backend.graphql.core.money import Money, money_field
from backend.graphql.core.mutations import BaseMutation, ModelMutation
from backend.graphql.core.permissions import (
    authenticated_user,
    check_permission,
    permission_required,
    require_cooperative,
)
from backend.graphql.core.upload import Upload
from inventory.models import Location

from ..models import Checkout, Order, OrderLine, OrderStatus, Voucher
from ..selectors import orders_visible_to, seller_order_lines
from ..services import checkout as services
from ..services import lifecycle, vouchers

CheckoutErrorCode = error_code_enum("CheckoutErrorCode", (
    "INVALID_IMAGE", "FILE_TOO_LARGE", "TOO_MANY_PIXELS", "INSUFFICIENT_STOCK",
    "EMPTY_CHECKOUT", "INVALID_STATUS", "VOUCHER_NOT_VALID", "VOUCHER_NOT_APPLICABLE",
    "VOUCHER_MIN_SPEND", "VOUCHER_USED_UP"))
CheckoutError = error_type("CheckoutError", CheckoutErrorCode)
OrderStatusEnum = graphene.Enum("OrderStatusEnum", [(s.name, s.value) for s in OrderStatus])


class CheckoutLineType(graphene.ObjectType):
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
    pickup_location = graphene.Field("inventory.graphql.schema.LocationNode")
    lines = graphene.List(graphene.NonNull(CheckoutLineType), required=True)
    subtotal = graphene.Field(Money, required=True)
    discount = graphene.Field(Money, required=True)
    voucher_code = graphene.String()
    total = graphene.Field(Money, required=True)
    member_price_note = graphene.String()

    @staticmethod
    def of(checkout: Checkout) -> "CheckoutType":
        totals = services.checkout_totals(checkout)
        return CheckoutType(
            token=checkout.token, email=checkout.email, phone=checkout.phone,
            pickup_location=checkout.pickup_location,
            lines=[CheckoutLineType(
                variant_id=graphene.Node.to_global_id("ProductVariant", p.line.variant_id),
                sku=p.line.variant.sku, product_name=p.line.variant.product.name,
                quantity=p.line.quantity, unit_price=Money.of(p.unit_price),
                regular_unit_price=Money.of(p.regular_unit_price),
                is_member_price=p.is_member_price, total=Money.of(p.total))
                for p in totals.lines],
            subtotal=Money.of(totals.subtotal), discount=Money.of(totals.discount),
            voucher_code=checkout.voucher.code if checkout.voucher_id else None,
            total=Money.of(totals.total),
            member_price_note=totals.member_price_note or None)


class OrderLineNode(DjangoObjectType):
    unit_price = money_field("unit_price")
    line_total = money_field("line_total")

    class Meta:
        model = OrderLine
        name = "OrderLine"
        fields = ("id", "product_name", "variant_name", "sku", "quantity", "unit_price",
                  "is_member_price", "line_total")


FulfilmentEnum = graphene.Enum("LineFulfilmentEnum", [("PENDING", "pending"),
                                                      ("PACKED", "packed"),
                                                      ("READY", "ready")])


class SellerOrderLineNode(DjangoObjectType):
    """An order line as its seller sees it: what to prepare and where, no shopper details."""

    order_number = graphene.String(required=True)
    order_status = graphene.Field(OrderStatusEnum, required=True)
    pickup_store = graphene.String()
    fulfilment = graphene.Field(FulfilmentEnum, required=True)

    class Meta:
        model = OrderLine
        name = "SellerOrderLine"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "product_name", "variant_name", "sku", "quantity", "fulfilment")

    @staticmethod
    def resolve_order_number(root, info):
        return root.order.number

    @staticmethod
    def resolve_order_status(root, info):
        return str(root.order.status)

    @staticmethod
    def resolve_pickup_store(root, info):
        return root.order.pickup_location.name if root.order.pickup_location_id else None

    @staticmethod
    def resolve_fulfilment(root, info):
        return str(root.fulfilment)


class OrderNode(DjangoObjectType):
    status = graphene.Field(OrderStatusEnum, required=True)
    total = money_field("total")
    discount = money_field("discount")
    lines = DjangoListField(OrderLineNode, required=True)
    pickup_code = graphene.String(description="The shopper's code to collect the order.")
    payment_proof_url = graphene.String(description="The transfer receipt (staff, shopper).")
    bank_transfer_instructions = graphene.String()

    class Meta:
        model = Order
        name = "Order"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "number", "status", "email", "phone", "pickup_location",
                  "payment_method", "total", "discount", "member_price_note", "created_at",
                  "paid_at", "lines", "pickup_code")

    @classmethod
    def filter_queryset(cls, queryset, info):
        return orders_visible_to(info.context.user, queryset)

    @staticmethod
    def resolve_status(root, info):
        return str(root.status)

    @staticmethod
    def resolve_payment_proof_url(root, info):
        from django.urls import reverse

        if not root.payment_proof:
            return None
        return info.context.build_absolute_uri(reverse("orders:payment-proof",
                                                       args=[root.pk]))

    @staticmethod
    def resolve_bank_transfer_instructions(root, info):
        if root.payment_method != "bank_transfer":
            return None
        return root.cooperative.bank_transfer_instructions

    @staticmethod
    def resolve_pickup_code(root, info):
        user = info.context.user
        return root.pickup_code if user.is_authenticated and root.user_id == user.pk else None


def _checkout(info, token) -> Checkout:
    checkout = Checkout.objects.select_related("cooperative", "pickup_location", "user").filter(
        token=token).first()
    user = info.context.user
    if checkout is None or (checkout.user_id and checkout.user_id != getattr(user, "pk", None)):
        raise ValidationError({"token": ValidationError(_("No such cart."), code="not_found")})
    return checkout


VoucherKindEnum = graphene.Enum("VoucherKindEnum", [("PERCENT", "percent"),
                                                    ("FIXED", "fixed")])


class VoucherNode(DjangoObjectType):
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


def _voucher_data(input) -> dict:
    from catalog.models import Category, Seller

    return input_dict(input, {"category": (Category, "Category"), "seller": (Seller, "Seller")})


class VoucherCreate(BaseMutation):
    voucher = graphene.Field(VoucherNode)

    class Arguments:
        cooperative = graphene.String()
        input = VoucherInput(required=True)

    class Meta:
        error_type = CheckoutError
        permission = Permission.MANAGE_ORDERS

    @classmethod
    def perform_mutation(cls, root, info, input, cooperative=None):
        voucher = vouchers.voucher_save(cls.get_cooperative(info, cooperative=cooperative),
                                        _voucher_data(input))
        return cls(voucher=voucher, errors=[])


class _VoucherById(ModelMutation):
    model = Voucher
    type_name = "Voucher"

    class Meta:
        abstract = True


class VoucherUpdate(_VoucherById):
    voucher = graphene.Field(VoucherNode)

    class Arguments:
        id = graphene.ID(required=True)
        input = VoucherInput(required=True)

    class Meta:
        error_type = CheckoutError
        permission = Permission.MANAGE_ORDERS

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        voucher = cls.get_object(info, id)
        return cls(voucher=vouchers.voucher_save(voucher.cooperative, _voucher_data(input),
                                                 voucher), errors=[])


class VoucherDelete(_VoucherById):
    deleted_id = graphene.ID()

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = "Turns the voucher off (orders that used it keep it)."
        error_type = CheckoutError
        permission = Permission.MANAGE_ORDERS

    @classmethod
    def perform_mutation(cls, root, info, id):
        voucher = cls.get_object(info, id)
        vouchers.voucher_save(voucher.cooperative, {"is_active": False}, voucher)
        return cls(deleted_id=id, errors=[])


class CheckoutQueries(graphene.ObjectType):
    vouchers = DjangoConnectionField(VoucherNode, cooperative=graphene.String())
    checkout = graphene.Field(CheckoutType, token=graphene.UUID(required=True))
    order = graphene.Field(OrderNode, id=graphene.ID(required=True))
    orders = DjangoConnectionField(OrderNode, cooperative=graphene.String(),
                                   status=OrderStatusEnum())
    my_orders = DjangoConnectionField(OrderNode, description="Your orders, newest first.")
    seller_order_lines = graphene.List(
        graphene.NonNull(SellerOrderLineNode), seller=graphene.ID(required=True),
        open_only=graphene.Boolean(default_value=True),
        description="A seller's lines to prepare (its own only).")

    @staticmethod
    @permission_required(Permission.MANAGE_ORDERS)
    def resolve_vouchers(root, info, cooperative=None, **kwargs):
        return Voucher.objects.of(require_cooperative(info, cooperative))

    @staticmethod
    def resolve_checkout(root, info, token):
        try:
            return CheckoutType.of(_checkout(info, token))
        except ValidationError:
            return None

    @staticmethod
    def resolve_order(root, info, id):
        return orders_visible_to(info.context.user).filter(
            pk=pk_from_global_id(id, "Order")).first()

    @staticmethod
    @permission_required(Permission.HANDLE_SALES)
    def resolve_orders(root, info, cooperative=None, status=None, **kwargs):
        queryset = Order.objects.of(require_cooperative(info, cooperative))
        return queryset if status is None else queryset.filter(status=status.value)

    @staticmethod
    def resolve_seller_order_lines(root, info, seller, open_only=True):
        from catalog.models import Seller
        from catalog.services.common import can_act_for_seller

        seller_obj = get_by_global_id(Seller.objects.all(), seller, "Seller", "seller")
        if not can_act_for_seller(authenticated_user(info), seller_obj):
            raise PermissionDenied()
        return seller_order_lines(seller_obj, open_only=open_only)

    @staticmethod
    def resolve_my_orders(root, info, **kwargs):
        return Order.objects.filter(user=authenticated_user(info))


class _CheckoutMutation(BaseMutation):
    checkout = graphene.Field(CheckoutType)

    class Meta:
        abstract = True


class CheckoutCreate(_CheckoutMutation):
    class Arguments:
        cooperative = graphene.String()
        email = graphene.String()

    class Meta:
        description = "Start a cart (signed in or as a guest); keep its token."
        error_type = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, cooperative=None, email=""):
        checkout = services.checkout_create(cls.get_cooperative(info, cooperative=cooperative),
                                            info.context.user, email=email or "")
        return cls(checkout=CheckoutType.of(checkout), errors=[])


class CheckoutLineInput(graphene.InputObjectType):
    variant_id = graphene.ID(required=True)
    quantity = graphene.Int(required=True)


def _quantities(lines) -> dict[int, int]:
    return {pk_from_global_id(line["variant_id"], "ProductVariant", "variant_id"):
            line["quantity"] for line in lines}


class CheckoutLinesAdd(_CheckoutMutation):
    class Arguments:
        token = graphene.UUID(required=True)
        lines = graphene.List(graphene.NonNull(CheckoutLineInput), required=True)

    class Meta:
        error_type = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, token, lines):
        checkout = services.checkout_lines_set(_checkout(info, token), _quantities(lines))
        return cls(checkout=CheckoutType.of(checkout), errors=[])


class CheckoutLinesUpdate(_CheckoutMutation):
    class Arguments:
        token = graphene.UUID(required=True)
        lines = graphene.List(graphene.NonNull(CheckoutLineInput), required=True,
                              description="New quantities; 0 removes the line.")

    class Meta:
        error_type = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, token, lines):
        checkout = services.checkout_lines_set(_checkout(info, token), _quantities(lines),
                                               replace=True)
        return cls(checkout=CheckoutType.of(checkout), errors=[])


class CheckoutLinesDelete(_CheckoutMutation):
    class Arguments:
        token = graphene.UUID(required=True)
        variant_ids = graphene.List(graphene.NonNull(graphene.ID), required=True)

    class Meta:
        error_type = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, token, variant_ids):
        quantities = {pk_from_global_id(v, "ProductVariant", "variant_ids"): 0
                      for v in variant_ids}
        checkout = services.checkout_lines_set(_checkout(info, token), quantities, replace=True)
        return cls(checkout=CheckoutType.of(checkout), errors=[])


class CheckoutContactUpdate(_CheckoutMutation):
    class Arguments:
        token = graphene.UUID(required=True)
        email = graphene.String()
        phone = graphene.String()

    class Meta:
        name = "CheckoutEmailUpdate"
        description = "The email and/or phone for the order."
        error_type = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, token, email="", phone=""):
        checkout = services.checkout_contact_set(_checkout(info, token), email=email or "",
                                                 phone=phone or "")
        return cls(checkout=CheckoutType.of(checkout), errors=[])


class CheckoutDeliveryMethodUpdate(_CheckoutMutation):
    class Arguments:
        token = graphene.UUID(required=True)
        pickup_location = graphene.ID(required=True, description="The store to pick up from.")

    class Meta:
        description = "Pick up at a coop-mart store (delivery options come later)."
        error_type = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, token, pickup_location):
        location = get_by_global_id(Location.objects.all(), pickup_location, "Location",
                                    "pickup_location")
        checkout = services.checkout_pickup_set(_checkout(info, token), location)
        return cls(checkout=CheckoutType.of(checkout), errors=[])


class CheckoutVoucherAdd(_CheckoutMutation):
    class Arguments:
        token = graphene.UUID(required=True)
        code = graphene.String(required=True)

    class Meta:
        error_type = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, token, code):
        checkout = services.checkout_voucher_set(_checkout(info, token), code)
        return cls(checkout=CheckoutType.of(checkout), errors=[])


class CheckoutVoucherRemove(_CheckoutMutation):
    class Arguments:
        token = graphene.UUID(required=True)

    class Meta:
        error_type = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, token):
        checkout = services.checkout_voucher_set(_checkout(info, token), None)
        return cls(checkout=CheckoutType.of(checkout), errors=[])


PaymentMethodEnum = graphene.Enum("PaymentMethodEnum", [
    ("PAY_AT_PICKUP", "pay_at_pickup"), ("BANK_TRANSFER", "bank_transfer")])


class CheckoutComplete(BaseMutation):
    order = graphene.Field(OrderNode)

    class Arguments:
        token = graphene.UUID(required=True)
        payment_method = PaymentMethodEnum(default_value="pay_at_pickup")

    class Meta:
        description = "Place the order. Prices are checked again now."
        error_type = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, token, payment_method="pay_at_pickup"):
        order = services.checkout_complete(_checkout(info, token), info.context.user,
                                           enum_value(payment_method))
        return cls(order=order, errors=[])


class _OrderMutation(ModelMutation):
    order = graphene.Field(OrderNode)
    model = Order
    type_name = "Order"

    class Meta:
        abstract = True


class OrderPaymentProofUpload(_OrderMutation):
    class Arguments:
        id = graphene.ID(required=True)
        image = Upload(required=True, description="A photo of the transfer receipt.")

    class Meta:
        error_type = CheckoutError
        login_required = True

    @classmethod
    def check_permissions(cls, info, **data):
        if cls.get_object(info, data["id"]).user_id != authenticated_user(info).pk:
            raise PermissionDenied()

    @classmethod
    def perform_mutation(cls, root, info, id, image):
        order = lifecycle.order_payment_proof_upload(cls.get_object(info, id), info.context.user,
                                                     image)
        return cls(order=order, errors=[])


class OrderPaymentReject(_OrderMutation):
    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(required=True)

    class Meta:
        description = "The transfer did not arrive: ask the shopper for another receipt."
        error_type = CheckoutError
        permission = Permission.MANAGE_ORDERS

    @classmethod
    def perform_mutation(cls, root, info, id, reason):
        return cls(order=lifecycle.order_payment_reject(cls.get_object(info, id),
                                                        info.context.user, reason), errors=[])


class OrderMarkPaid(_OrderMutation):
    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        error_type = CheckoutError
        permission = Permission.HANDLE_SALES

    @classmethod
    def perform_mutation(cls, root, info, id):
        return cls(order=lifecycle.order_mark_paid(cls.get_object(info, id), info.context.user),
                   errors=[])


class OrderHandOver(_OrderMutation):
    class Arguments:
        id = graphene.ID(required=True)
        pickup_code = graphene.String(required=True)

    class Meta:
        description = "The shopper collects the order with their pickup code."
        error_type = CheckoutError
        permission = Permission.HANDLE_SALES

    @classmethod
    def perform_mutation(cls, root, info, id, pickup_code):
        order = lifecycle.order_hand_over(cls.get_object(info, id), info.context.user,
                                          pickup_code=pickup_code)
        return cls(order=order, errors=[])


class OrderCancel(_OrderMutation):
    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String()

    class Meta:
        description = "Cancel an unpaid order (its shopper, or the cooperative's staff)."
        error_type = CheckoutError
        login_required = True

    @classmethod
    def check_permissions(cls, info, **data):
        user = authenticated_user(info)
        order = cls.get_object(info, data["id"])
        if order.user_id != user.pk:
            check_permission(info, order.cooperative, Permission.MANAGE_ORDERS)

    @classmethod
    def perform_mutation(cls, root, info, id, reason=""):
        order = lifecycle.order_cancel(cls.get_object(info, id), info.context.user, reason or "")
        return cls(order=order, errors=[])


class OrderLinesFulfill(BaseMutation):
    order = graphene.Field(OrderNode)

    class Arguments:
        ids = graphene.List(graphene.NonNull(graphene.ID), required=True,
                            description="SellerOrderLine IDs of one order.")
        status = FulfilmentEnum(required=True)

    class Meta:
        description = "Mark your lines of an order packed or ready at the store."
        error_type = CheckoutError
        login_required = True

    @classmethod
    def perform_mutation(cls, root, info, ids, status):
        from django.core.exceptions import PermissionDenied as Denied

        from ..services.fulfilment import order_lines_fulfill

        pks = [pk_from_global_id(i, "SellerOrderLine", "ids") for i in ids]
        lines = list(OrderLine.objects.filter(pk__in=pks).select_related("seller"))
        if len(lines) != len(set(pks)):
            raise ValidationError({"ids": ValidationError(_("No such line."),
                                                          code="not_found")})
        try:
            order = order_lines_fulfill(lines, authenticated_user(info),
                                        enum_value(status))
        except Denied:
            raise PermissionDenied() from None
        return cls(order=order, errors=[])


class CheckoutMutations(graphene.ObjectType):
    order_lines_fulfill = OrderLinesFulfill.Field()
    checkout_create = CheckoutCreate.Field()
    checkout_lines_add = CheckoutLinesAdd.Field()
    checkout_lines_update = CheckoutLinesUpdate.Field()
    checkout_lines_delete = CheckoutLinesDelete.Field()
    checkout_email_update = CheckoutContactUpdate.Field()
    checkout_delivery_method_update = CheckoutDeliveryMethodUpdate.Field()
    checkout_voucher_add = CheckoutVoucherAdd.Field()
    checkout_voucher_remove = CheckoutVoucherRemove.Field()
    checkout_complete = CheckoutComplete.Field()
    voucher_create = VoucherCreate.Field()
    voucher_update = VoucherUpdate.Field()
    voucher_delete = VoucherDelete.Field()
    order_mark_paid = OrderMarkPaid.Field()
    order_payment_proof_upload = OrderPaymentProofUpload.Field()
    order_payment_reject = OrderPaymentReject.Field()
    order_hand_over = OrderHandOver.Field()
    order_cancel = OrderCancel.Field()


__all__ = ["CheckoutMutations", "CheckoutQueries"]
