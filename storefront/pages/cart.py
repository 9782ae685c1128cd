"""Cart, checkout and the order page. Every change goes through the orders services the
GraphQL checkout mutations call; this module only turns forms into those calls."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from backend.money import format_rupiah
from backend.pages import error_messages, error_text, form_add_errors, safe_next
from backend.validation import LARGEST_WHOLE
from orders.models import DeliveryMethod, OrderStatus, PaymentMethod
from orders.selectors import (
    checkout_for_token,
    checkout_payment_method_default,
    checkout_payment_methods,
    order_awaits_pickup,
    order_card_payment,
    order_shopper_status,
    orders_of_shopper,
)
from orders.services.checkout import (
    checkout_create,
    checkout_customer_attach,
    checkout_lines_set,
    checkout_totals,
    checkout_voucher_set,
)
from orders.services.checkout_delivery import (
    ADDRESS_REQUIRED,
    address_problems,
    checkout_delivery_options,
)
from orders.services.checkout_submit import (
    CheckoutAnswers,
    checkout_delivery_preview,
    checkout_submit,
)
from orders.services.lifecycle import order_payment_proof_upload
from orders.services.payments import payment_sync

from .. import card_test_mode, reads
from ..shop import shop_page, shop_url, signed_in
from .payment import online_payment_context, order_or_404


def _session_key(cooperative) -> str:
    return f"storefront-cart-{cooperative.pk}"


def current_checkout(request, cooperative, *, create: bool = False):
    token = request.session.get(_session_key(cooperative))
    checkout = checkout_for_token(cooperative, token, request.user) if token else None
    if checkout is not None and request.user.is_authenticated and checkout.user_id is None:
        # Signed in since: the guest's cart becomes theirs (checkoutCustomerAttach in the API).
        checkout = checkout_customer_attach(checkout, request.user)
    if checkout is None and create:
        checkout = checkout_create(cooperative, request.user)
        request.session[_session_key(cooperative)] = str(checkout.token)
    return checkout


WHOLE = forms.IntegerField(min_value=-LARGEST_WHOLE, max_value=LARGEST_WHOLE)


def _int(value, default=0) -> int:
    """A count or an id from the cart's forms; letters or a number no column holds are
    `default`."""
    try:
        return WHOLE.clean(value)
    except ValidationError:
        return default


class VoucherForm(forms.Form):
    voucher = forms.CharField(label=gettext_lazy("Voucher code"), required=False, max_length=40)


@require_POST
@shop_page
def cart_add(request, cooperative):
    variant_id, quantity = _int(request.POST.get("variant")), _int(request.POST.get("quantity"), 1)
    back = safe_next(request, shop_url(request, "cart"))
    if quantity < 1:
        messages.error(request, _("Choose at least 1."))
        return redirect(back)
    checkout = current_checkout(request, cooperative, create=True)
    try:
        checkout_lines_set(checkout, {variant_id: quantity})
    except ValidationError as error:
        messages.error(request, error_text(error))
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
                typed = VoucherForm(request.POST)
                if not typed.is_valid():
                    raise ValidationError(typed.errors.as_data())
                code = typed.cleaned_data["voucher"]
                checkout_voucher_set(checkout, code or None)
                messages.success(request, _("Voucher applied.") if code else
                                 _("Voucher removed."))
            else:
                quantities = {_int(k.removeprefix("qty-")): max(0, _int(v))
                              for k, v in request.POST.items() if k.startswith("qty-")}
                remove = _int(request.POST.get("remove"))
                if remove:
                    quantities[remove] = 0
                # The - / + buttons: one less or one more of that line.
                step_variant, _sep, step = request.POST.get("step", "").partition(":")
                if _int(step_variant) in quantities and step in ("1", "-1"):
                    variant = _int(step_variant)
                    quantities[variant] = max(0, quantities[variant] + int(step))
                checkout_lines_set(checkout, quantities, replace=True)
                messages.success(request, _("Cart updated."))
            return redirect(shop_url(request, "cart"))
        except ValidationError as error:
            errors = error_messages(error)
    context = _cart_context(request, cooperative, checkout)
    return render(request, "storefront/shop/cart.html", {
        **context, "errors": errors, "title": _("Your cart")},
        status=400 if errors else 200)


RECEIVE_PICKUP, RECEIVE_DELIVERY = "pickup", "delivery"
ADDRESS_FIELDS = ("recipient_name", "street_address", "rt_rw", "village", "district", "city",
                  "province", "postal_code")


class MarkedRadioSelect(forms.RadioSelect):
    """Radio buttons that carry data attributes per choice (`option_attrs`), for the page's
    script."""

    option_attrs: dict[str, dict[str, str]] = {}

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        option["attrs"] = {**option["attrs"], **self.option_attrs.get(str(value), {})}
        return option


class CheckoutForm(forms.Form):
    """Pickup at a store (the default) or delivery to an Indonesian address, and how to pay.
    The services decide what is allowed; this only collects the answers."""

    phone = forms.CharField(label=gettext_lazy("Phone number (WhatsApp)"), required=False,
                            max_length=20, widget=forms.TextInput(attrs={
                                "autocomplete": "tel", "inputmode": "tel"}))
    email = forms.EmailField(label=gettext_lazy("Email"), required=False,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    receive = forms.ChoiceField(label=gettext_lazy("How you get your order"), required=False,
                                widget=forms.RadioSelect, choices=[
                                    (RECEIVE_PICKUP, gettext_lazy("I pick it up at a store")),
                                    (RECEIVE_DELIVERY, gettext_lazy("Deliver it to me"))])
    store = forms.ChoiceField(label=gettext_lazy("Pick up at"), widget=forms.RadioSelect,
                              required=False)
    recipient_name = forms.CharField(label=gettext_lazy("Recipient's name"), required=False,
                                     max_length=150)
    street_address = forms.CharField(label=gettext_lazy("Street and house number"),
                                     required=False, max_length=255, widget=forms.TextInput(
                                         attrs={"autocomplete": "street-address"}))
    rt_rw = forms.CharField(label=gettext_lazy("RT/RW"), required=False, max_length=15,
                            help_text=gettext_lazy("For example 003/007"))
    village = forms.CharField(label=gettext_lazy("Village (kelurahan/desa)"), required=False,
                              max_length=100)
    district = forms.CharField(label=gettext_lazy("District (kecamatan)"), required=False,
                               max_length=100)
    city = forms.CharField(label=gettext_lazy("Regency/city"), required=False, max_length=100)
    province = forms.CharField(label=gettext_lazy("Province"), required=False, max_length=100)
    postal_code = forms.CharField(label=gettext_lazy("Postal code"), required=False,
                                  max_length=5, widget=forms.TextInput(attrs={
                                      "inputmode": "numeric", "autocomplete": "postal-code"}))
    # The options depend on the address just typed: the service checks the choice.
    delivery_option = forms.CharField(label=gettext_lazy("Delivery"), required=False,
                                      max_length=60, widget=MarkedRadioSelect)
    payment = forms.ChoiceField(label=gettext_lazy("How you pay"), widget=MarkedRadioSelect)

    def __init__(self, data, *, cooperative, checkout, user):
        receive = RECEIVE_PICKUP if checkout.delivery_method == DeliveryMethod.PICKUP \
            else RECEIVE_DELIVERY
        initial = {f: getattr(checkout, f) for f in ADDRESS_FIELDS}
        super().__init__(data, initial={
            **initial, "receive": receive, "store": checkout.pickup_location_id,
            "email": checkout.email, "phone": checkout.phone,
            "delivery_option": checkout.delivery_option,
            "payment": checkout_payment_method_default(checkout)})
        for field in (*ADDRESS_REQUIRED, "recipient_name"):
            # The page's script asks for the delivery options once these are filled in.
            self.fields[field].widget.attrs["data-needed"] = "address"
        self.stores = {str(s.pk): s for s in reads.pickup_stores(cooperative)}
        self.fields["store"].choices = [(pk, _store_label(s)) for pk, s in self.stores.items()]
        self.options = delivery_choices(checkout)
        self.offer(self.options)
        self.offer_payment(checkout)
        if getattr(user, "is_authenticated", False):
            self.fields["email"].help_text = _("We also use the contact of your account.")

    def offer_payment(self, checkout) -> None:
        """The ways of paying the selector allows, each marked with the deliveries it fits,
        so the page shows only those of the delivery chosen (the service checks again)."""
        fits: dict[str, list[str]] = {}
        for delivery_method in DeliveryMethod.values:
            for method in checkout_payment_methods(checkout, delivery_method):
                fits.setdefault(method, []).append(delivery_method)
        labels = dict(PaymentMethod.choices)
        self.fields["payment"].choices = [(m, labels[m]) for m in PaymentMethod.values
                                          if m in fits]
        self.fields["payment"].widget.option_attrs = {
            m: {"data-fits": " ".join(methods)} for m, methods in fits.items()}

    def offer(self, options) -> None:
        self.fields["delivery_option"].widget.choices = [
            (o.code, f"{o.name} · {format_rupiah(o.fee)}") for o in options]
        self.fields["delivery_option"].widget.option_attrs = {
            o.code: {"data-method": o.method} for o in options}

    def address_fields(self):
        return [self[f] for f in ADDRESS_FIELDS]


def _store_label(store):
    """A pickup store as the shopper needs it: name, where it is, when it is open."""
    details = [d for d in (store.address_line, store.opening_hours and
                           _("Open %(hours)s") % {"hours": store.opening_hours}) if d]
    return format_html("<strong>{}</strong>{}", store.name, format_html_join(
        "", '<span class="store-info">{}</span>', ((d,) for d in details)))


def delivery_choices(checkout):
    """The delivery options offered for the checkout's saved address (none without one)."""
    if address_problems(checkout):
        return []
    return checkout_delivery_options(checkout)


def _answers(form) -> CheckoutAnswers:
    data = form.cleaned_data
    delivery = data.get("receive") == RECEIVE_DELIVERY
    return CheckoutAnswers(
        payment_method=data["payment"], email=data.get("email", ""),
        phone=data.get("phone", ""), pickup_location=form.stores.get(data.get("store")),
        address={f: data.get(f, "") for f in ADDRESS_FIELDS} if delivery else None,
        delivery_option=data.get("delivery_option") or "")


@require_http_methods(["GET", "POST"])
@shop_page
def checkout_page(request, cooperative):
    checkout = current_checkout(request, cooperative)
    if checkout is None or not checkout.lines.exists():
        messages.info(request, _("Your cart is empty."))
        return redirect(shop_url(request, "cart"))
    form = CheckoutForm(request.POST if request.method == "POST" else None,
                        cooperative=cooperative, checkout=checkout, user=request.user)
    context = _cart_context(request, cooperative, checkout)
    status = 200
    if request.method == "POST" and "preview" in request.POST:
        # "Lihat ongkir" (and the page's script as the address is typed): the delivery
        # options and the total with delivery, nothing saved, no order placed.
        form.fields["payment"].required = False
        if form.is_valid():
            context["totals"] = _preview(form, checkout, show_problems=True)
    elif request.method == "POST":
        if form.is_valid():
            try:
                order = checkout_submit(checkout, request.user, _answers(form))
                request.session.pop(_session_key(cooperative), None)
                return redirect(shop_url(request, "order", order.checkout_token))
            except ValidationError as error:
                form_add_errors(form, error, FIELD_FOR)
                if form.cleaned_data.get("receive") == RECEIVE_DELIVERY:
                    # Nothing was saved: still offer the options of the address typed.
                    context["totals"] = _preview(form, checkout, show_problems=False)
        status = 400
    return render(request, "storefront/shop/checkout.html", {
        **context, "form": form, "title": _("Checkout")}, status=status)


def _preview(form, checkout, *, show_problems: bool):
    data = form.cleaned_data
    preview = checkout_delivery_preview(
        checkout, {f: data.get(f, "") for f in ADDRESS_FIELDS}, phone=data.get("phone", ""),
        option_code=data.get("delivery_option") or "")
    form.offer(preview.options)
    if show_problems and preview.problems:
        form_add_errors(form, ValidationError(preview.problems.errors))
    return preview.totals


# The services' field names that the form calls otherwise.
FIELD_FOR = {"pickup_location": "store", "payment_method": "payment", "method": "payment"}


class ProofForm(forms.Form):
    receipt = forms.ImageField(label=gettext_lazy("Photo of the transfer receipt"))


@require_GET
@shop_page
def order_page(request, cooperative, token):
    order = order_or_404(request, cooperative, token)
    payment = order_card_payment(order) if order.payment_method == PaymentMethod.CARD else None
    if payment is not None and order.status == OrderStatus.UNPAID and (
            request.GET.get("payment_intent") or request.GET.get("periksa")):
        payment_sync(payment)  # back from Stripe.js: ask Stripe now, the webhook may lag
        order = order_or_404(request, cooperative, token)
    return _render_order(request, order, payment)


def _render_order(request, order, payment, proof_form=None, status=200):
    online = online_payment_context(request, order)  # may ask the gateway: first
    unpaid = order.status == OrderStatus.UNPAID
    return render(request, "storefront/shop/order.html", {
        "order": order, "title": _("Order %(number)s") % {"number": order.number},
        "status": order_shopper_status(order), "awaits_pickup": order_awaits_pickup(order),
        "bank_instructions": request.shop.bank_transfer_instructions
        if order.payment_method == PaymentMethod.BANK_TRANSFER else "",
        "proof_form": (proof_form or ProofForm()) if unpaid and
        order.payment_method == PaymentMethod.BANK_TRANSFER else None,
        "card": payment if unpaid and payment is not None else None,
        "stripe_key": settings.STRIPE_PUBLISHABLE_KEY,
        "card_test_mode": card_test_mode.available(), **online}, status=status)


@require_POST
@shop_page
def order_proof(request, cooperative, token):
    order = order_or_404(request, cooperative, token)
    form = ProofForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            order_payment_proof_upload(order, request.user if request.user.is_authenticated
                                       else None, form.cleaned_data["receipt"])
        except ValidationError as error:
            form_add_errors(form, error, default="receipt")
        else:
            messages.success(request, _("Thank you. The cooperative checks your transfer and "
                                        "tells you when it is confirmed."))
            return redirect(shop_url(request, "order", order.checkout_token))
    return _render_order(request, order, None, form, status=400)


@require_POST
@shop_page
def order_card_test(request, cooperative, token):
    order = order_or_404(request, cooperative, token)
    payment = order_card_payment(order)
    if payment is None or not card_test_mode.available():
        raise Http404
    card_test_mode.confirm_with_test_card(payment, request.POST.get("card") or "pm_card_visa")
    payment_sync(payment)
    return redirect(shop_url(request, "order", order.checkout_token))


@require_GET
@shop_page
@signed_in
def my_orders(request, cooperative):
    return render(request, "storefront/shop/my_orders.html", {
        "orders": orders_of_shopper(cooperative, request.user)[:50], "title": _("My orders")})
