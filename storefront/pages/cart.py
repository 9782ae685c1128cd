"""Cart, checkout and the order page. Every change goes through the orders services the
GraphQL checkout mutations call; this module only turns forms into those calls."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from orders.models import DeliveryMethod, PaymentMethod
from orders.selectors import checkout_for_token, order_for_checkout_token, orders_of_shopper
from orders.services.checkout import (
    PAYMENT_METHODS_FOR,
    checkout_complete,
    checkout_contact_set,
    checkout_create,
    checkout_lines_set,
    checkout_totals,
    checkout_voucher_set,
)
from orders.services.checkout_delivery import checkout_delivery_set
from orders.services.payments import checkout_payment_create

from .. import reads
from ..shop import shop_page, shop_url


def _session_key(cooperative) -> str:
    return f"storefront-cart-{cooperative.pk}"


def current_checkout(request, cooperative, *, create: bool = False):
    token = request.session.get(_session_key(cooperative))
    checkout = checkout_for_token(cooperative, token, request.user) if token else None
    if checkout is not None and request.user.is_authenticated and checkout.user_id is None:
        checkout = None  # a guest cart does not carry member prices: start the shopper's own
    if checkout is None and create:
        checkout = checkout_create(cooperative, request.user)
        request.session[_session_key(cooperative)] = str(checkout.token)
    return checkout


def _messages_of(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {field: [str(m) for e in errors for m in e.messages]
                for field, errors in error.error_dict.items()}
    return {"__all__": [str(m) for m in error.messages]}


def _first_message(error: ValidationError) -> str:
    return next(iter(_messages_of(error).values()))[0]


def _int(value, default=0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@require_POST
@shop_page
def cart_add(request, cooperative):
    variant_id, quantity = _int(request.POST.get("variant")), _int(request.POST.get("quantity"), 1)
    back = request.POST.get("next") or shop_url(request, "cart")
    if not back.startswith("/"):
        back = shop_url(request, "cart")
    if quantity < 1:
        messages.error(request, _("Choose at least 1."))
        return redirect(back)
    checkout = current_checkout(request, cooperative, create=True)
    try:
        checkout_lines_set(checkout, {variant_id: quantity})
    except ValidationError as error:
        messages.error(request, _first_message(error))
        return redirect(back)
    messages.success(request, _("Added to your cart."))
    return redirect(shop_url(request, "cart"))


def _cart_context(request, cooperative, checkout):
    totals = checkout_totals(checkout) if checkout else None
    return {"checkout": checkout, "totals": totals,
            "lines": totals.lines if totals else []}


@require_http_methods(["GET", "POST"])
@shop_page
def cart(request, cooperative):
    checkout = current_checkout(request, cooperative)
    errors: dict[str, list[str]] = {}
    if request.method == "POST" and checkout is not None:
        try:
            if "voucher" in request.POST:
                code = request.POST.get("voucher", "").strip()
                checkout_voucher_set(checkout, code or None)
                messages.success(request, _("Voucher applied.") if code else
                                 _("Voucher removed."))
            else:
                quantities = {_int(k.removeprefix("qty-")): max(0, _int(v))
                              for k, v in request.POST.items() if k.startswith("qty-")}
                remove = _int(request.POST.get("remove"))
                if remove:
                    quantities[remove] = 0
                checkout_lines_set(checkout, quantities, replace=True)
                messages.success(request, _("Cart updated."))
            return redirect(shop_url(request, "cart"))
        except ValidationError as error:
            errors = _messages_of(error)
    context = _cart_context(request, cooperative, checkout)
    return render(request, "storefront/shop/cart.html", {
        **context, "errors": errors, "title": _("Your cart")},
        status=400 if errors else 200)


class PickupCheckoutForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email"), required=False,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(label=gettext_lazy("Phone number (WhatsApp)"), required=False,
                            max_length=20, widget=forms.TextInput(attrs={
                                "autocomplete": "tel", "inputmode": "tel"}))
    store = forms.ChoiceField(label=gettext_lazy("Pick up at"), widget=forms.RadioSelect)
    payment = forms.ChoiceField(label=gettext_lazy("How you pay"), widget=forms.RadioSelect)

    def __init__(self, data, *, cooperative, checkout, user):
        super().__init__(data, initial={
            "store": checkout.pickup_location_id, "email": checkout.email,
            "phone": checkout.phone, "payment": checkout.payment_method or
            PaymentMethod.PAY_AT_PICKUP})
        self.stores = {str(s.pk): s for s in reads.pickup_stores(cooperative)}
        self.fields["store"].choices = [(pk, s.name) for pk, s in self.stores.items()]
        labels = dict(PaymentMethod.choices)
        offered = [PaymentMethod.PAY_AT_PICKUP]
        if cooperative.bank_transfer_instructions:
            offered.append(PaymentMethod.BANK_TRANSFER)
        if settings.STRIPE_SECRET_KEY:
            offered.append(PaymentMethod.CARD)
        self.fields["payment"].choices = [(m, labels[m]) for m in offered
                                          if m in PAYMENT_METHODS_FOR[DeliveryMethod.PICKUP]]
        if getattr(user, "is_authenticated", False):
            self.fields["email"].help_text = _("We also use the contact of your account.")


def _apply_form(checkout, form) -> None:
    """Run the services for what the form says; raises ValidationError by field."""
    data = form.cleaned_data
    if data.get("email") or data.get("phone"):
        checkout_contact_set(checkout, email=data.get("email", ""), phone=data.get("phone", ""))
    checkout_delivery_set(checkout, pickup_location=form.stores[data["store"]])
    checkout_payment_create(checkout, data["payment"])


@require_http_methods(["GET", "POST"])
@shop_page
def checkout_page(request, cooperative):
    checkout = current_checkout(request, cooperative)
    if checkout is None or not checkout.lines.exists():
        messages.info(request, _("Your cart is empty."))
        return redirect(shop_url(request, "cart"))
    form = PickupCheckoutForm(request.POST if request.method == "POST" else None,
                              cooperative=cooperative, checkout=checkout, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _apply_form(checkout, form)
                if form.cleaned_data["payment"] == PaymentMethod.CARD:
                    return redirect(shop_url(request, "pay-card"))
                order = checkout_complete(checkout, request.user)
                request.session.pop(f"storefront-cart-{cooperative.pk}", None)
                return redirect(shop_url(request, "order", order.checkout_token))
            except ValidationError as error:
                _add_errors(form, error)
        status = 400
    checkout.refresh_from_db()
    return render(request, "storefront/shop/checkout.html", {
        **_cart_context(request, cooperative, checkout), "form": form,
        "title": _("Checkout")}, status=status)


FIELD_FOR = {"pickup_location": "store", "payment_method": "payment", "method": "payment",
             "email": "email", "phone": "phone"}


def _add_errors(form, error: ValidationError) -> None:
    for field, texts in _messages_of(error).items():
        target = FIELD_FOR.get(field)
        for text in texts:
            form.add_error(target if target in form.fields else None, text)


@require_GET
@shop_page
def order_page(request, cooperative, token):
    order = order_for_checkout_token(cooperative, token)
    if order is None:
        raise Http404
    return render(request, "storefront/shop/order.html", {
        "order": order, "title": _("Order %(number)s") % {"number": order.number},
        "bank_instructions": cooperative.bank_transfer_instructions
        if order.payment_method == PaymentMethod.BANK_TRANSFER else ""})


@require_GET
@shop_page
def my_orders(request, cooperative):
    if not request.user.is_authenticated:
        return redirect(f"{shop_url(request, 'sign-in')}?next={request.path}")
    return render(request, "storefront/shop/my_orders.html", {
        "orders": orders_of_shopper(cooperative, request.user)[:50], "title": _("My orders")})
