"""Carts: start one, fill it, choose delivery and payment, and turn it into an order."""

import graphene

from backend.graphql.core.ids import node_for, pk_from_global_id
from backend.graphql.core.inputs import enum_value
from backend.graphql.core.mutations import BaseMutation
from inventory.graphql.types import LocationNode

from ...services import checkout as services
from ...services.checkout_delivery import checkout_delivery_set, checkout_shipping_address_set
from ...services.payments import checkout_payment_create
from ..types import (
    AddressInput,
    CheckoutError,
    CheckoutPayment,
    CheckoutType,
    OrderNode,
    PaymentMethodEnum,
    checkout_of,
)


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
        checkout = services.checkout_lines_set(checkout_of(info, token), _quantities(lines))
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
        checkout = services.checkout_lines_set(checkout_of(info, token), _quantities(lines),
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
        checkout = services.checkout_lines_set(checkout_of(info, token), quantities, replace=True)
        return cls(checkout=CheckoutType.of(checkout), errors=[])


class CheckoutCustomerAttach(_CheckoutMutation):
    class Arguments:
        token = graphene.UUID(required=True)

    class Meta:
        description = ("A guest's cart becomes the signed-in shopper's (priced for them), as "
                       "the storefront does on sign-in.")
        error_type = CheckoutError
        login_required = True

    @classmethod
    def perform_mutation(cls, root, info, token):
        checkout = services.checkout_customer_attach(checkout_of(info, token), info.context.user)
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
        checkout = services.checkout_contact_set(checkout_of(info, token), email=email or "",
                                                 phone=phone or "")
        return cls(checkout=CheckoutType.of(checkout), errors=[])


class CheckoutDeliveryMethodUpdate(_CheckoutMutation):
    class Arguments:
        token = graphene.UUID(required=True)
        pickup_location = graphene.ID(description="The store to pick up from.")
        delivery_option = graphene.String(
            description="The code of one of the checkout's availableDeliveryOptions.")

    class Meta:
        description = "Pick up at a coop-mart store, or have it delivered (one of the two)."
        error_type = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, token, pickup_location=None, delivery_option=""):
        checkout = checkout_of(info, token)
        location = node_for(info, pickup_location, LocationNode, field="pickup_location",
                            cooperative=checkout.cooperative) if pickup_location else None
        checkout = checkout_delivery_set(checkout, pickup_location=location,
                                         option_code=delivery_option or "")
        return cls(checkout=CheckoutType.of(checkout), errors=[])


class CheckoutShippingAddressUpdate(_CheckoutMutation):
    class Arguments:
        token = graphene.UUID(required=True)
        shipping_address = AddressInput(required=True)

    class Meta:
        description = "Where a delivery goes; then choose one of availableDeliveryOptions."
        error_type = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, token, shipping_address):
        checkout = checkout_shipping_address_set(checkout_of(info, token),
                                                 dict(shipping_address))
        return cls(checkout=CheckoutType.of(checkout), errors=[])


class CheckoutPaymentCreate(_CheckoutMutation):
    payment = graphene.Field(CheckoutPayment)

    class Arguments:
        token = graphene.UUID(required=True)
        method = PaymentMethodEnum(required=True)

    class Meta:
        description = ("Choose how to pay. For CARD this starts a Stripe payment for the total "
                       "now; confirm it in the browser with `payment.clientSecret`, then "
                       "call checkoutComplete.")
        error_type = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, token, method):
        checkout = checkout_of(info, token)
        payment = checkout_payment_create(checkout, enum_value(method))
        checkout.refresh_from_db()
        return cls(checkout=CheckoutType.of(checkout), payment=CheckoutPayment.of(payment),
                   errors=[])


class _CheckoutVoucherMutation(_CheckoutMutation):
    class Meta:
        abstract = True

    @classmethod
    def voucher_set(cls, info, token, code: str | None):
        checkout = services.checkout_voucher_set(checkout_of(info, token), code)
        return cls(checkout=CheckoutType.of(checkout), errors=[])


class CheckoutAddPromoCode(_CheckoutVoucherMutation):
    class Arguments:
        token = graphene.UUID(required=True)
        promo_code = graphene.String(required=True, description="The voucher's code.")

    class Meta:
        description = "Apply a voucher to the cart (Saleor's name)."
        error_type = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, token, promo_code):
        return cls.voucher_set(info, token, promo_code)


class CheckoutRemovePromoCode(_CheckoutVoucherMutation):
    class Arguments:
        token = graphene.UUID(required=True)
        promo_code = graphene.String(description="The voucher's code; a cart holds one.")

    class Meta:
        description = "Take the voucher off the cart (Saleor's name)."
        error_type = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, token, promo_code=None):
        return cls.voucher_set(info, token, None)


class CheckoutVoucherAdd(_CheckoutVoucherMutation):
    """Deprecated: checkoutAddPromoCode."""

    class Arguments:
        token = graphene.UUID(required=True)
        code = graphene.String(required=True)

    class Meta:
        error_type = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, token, code):
        return cls.voucher_set(info, token, code)


class CheckoutVoucherRemove(_CheckoutVoucherMutation):
    """Deprecated: checkoutRemovePromoCode."""

    class Arguments:
        token = graphene.UUID(required=True)

    class Meta:
        error_type = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, token):
        return cls.voucher_set(info, token, None)


class CheckoutComplete(BaseMutation):
    order = graphene.Field(OrderNode)

    class Arguments:
        token = graphene.UUID(required=True)
        payment_method = PaymentMethodEnum(
            description="Default: as chosen with checkoutPaymentCreate, else pay at pickup "
                        "(or cash on delivery).")

    class Meta:
        description = "Place the order. Prices are checked again now."
        error_type = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, token, payment_method=None):
        order = services.checkout_complete(checkout_of(info, token), info.context.user,
                                           enum_value(payment_method) if payment_method
                                           else None)
        return cls(order=order, errors=[])


