import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.cooperatives.models import Cooperative
from backend.validation import LARGEST_WHOLE
from catalog.models import FoodPermitKind
from catalog.richtext import description_as_text, description_from_text
from messaging.models import Channel, MessageState
from orders.models import OrderStatus, Voucher
from payments.models import AttemptState, FeeMode, Method, Provider

from . import inputs


class PhotoUploadForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG, WebP or HEIC, at most 10 MB. On a phone you can take it now."),
        # No `capture`: it forces the camera, and photos already in the gallery could not
        # be chosen; phones still offer the camera beside the gallery.
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))
    alt = forms.CharField(label=_("What the photo shows"), max_length=250, required=False)


class DateInput(forms.DateInput):
    input_type = "date"


# -- fields read through dashboard/inputs.py, and the forms of the console's own inputs ------
class _ParsedField(forms.CharField):
    """Text read by one of the inputs.py readers; what it cannot read is a field error."""

    parse = staticmethod(lambda text: text)
    params: dict = {}

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        parsed = self.parse(value)
        if parsed is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid",
                                        params=self.params)
        return parsed


class RupiahField(_ParsedField):
    """Whole rupiah as people type it: 12500, 12.500 or Rp12.500 (never 12,5)."""

    parse = staticmethod(inputs.rupiah)
    widget = forms.TextInput(attrs={"inputmode": "decimal"})
    default_error_messages = {"invalid": _("Enter the amount in whole rupiah, such as 12500.")}


class WholeField(_ParsedField):
    parse = staticmethod(inputs.whole)
    default_error_messages = {"invalid": _("Enter a whole number, such as 12.")}


class PercentField(_ParsedField):
    parse = staticmethod(inputs.decimal)
    default_error_messages = {"invalid": _("Enter a percentage, such as 7,5.")}


class DayField(_ParsedField):
    parse = staticmethod(inputs.day)
    widget = DateInput
    default_error_messages = {"invalid": _("Enter a date from %(first)s to %(last)s.")}
    params = {"first": inputs.FIRST_DAY.year, "last": inputs.LAST_DAY.year}


class SellerForm(forms.Form):
    business_name = forms.CharField(label=_("Business name"), max_length=150)
    owner_name = forms.CharField(label=_("Owner name"), max_length=150)
    phone = forms.CharField(label=_("Phone (WhatsApp)"), max_length=20,
                            help_text=_("Such as 0812-3456-7890."))
    email = forms.CharField(label=_("Email"), max_length=254, required=False)
    story = forms.CharField(label=_("Your story"), required=False, widget=forms.Textarea(
        attrs={"rows": 4}), help_text=_("Who you are and how you make your products."))
    nib = forms.CharField(label=_("NIB (13 digits)"), max_length=20, required=False)
    city = forms.CharField(label=_("Regency/city"), max_length=100, required=False)
    bank_name = forms.CharField(label=_("Bank"), max_length=60, required=False)
    bank_account_number = forms.CharField(label=_("Bank account number"), max_length=30,
                                          required=False)
    bank_account_holder = forms.CharField(label=_("Account holder"), max_length=150,
                                          required=False)
    halal_certificate_number = forms.CharField(label=_("Halal certificate number"),
                                               max_length=60, required=False)
    halal_certificate_expires = forms.DateField(label=_("Halal certificate valid until"),
                                                required=False, widget=DateInput)
    food_permit_kind = forms.ChoiceField(label=_("Food permit"), required=False, choices=[
        ("", _("None")), *FoodPermitKind.choices])
    food_permit_number = forms.CharField(label=_("Food permit number"), max_length=60,
                                         required=False)
    food_permit_expires = forms.DateField(label=_("Food permit valid until"), required=False,
                                          widget=DateInput)

    def service_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "cooperative"}


class SellerRegisterForm(SellerForm):
    cooperative = forms.ModelChoiceField(label=_("Cooperative"),
                                         queryset=Cooperative.objects.filter(is_active=True),
                                         to_field_name="slug")

    field_order = ["cooperative"]


class ProductForm(forms.Form):
    name = forms.CharField(label=_("Product name"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    category = forms.ChoiceField(label=_("Category"), required=False)
    is_food = forms.BooleanField(label=_("Food or drink (needs a food permit)"), required=False)
    is_halal = forms.BooleanField(label=_("Halal"), required=False)
    tracks_expiry = forms.BooleanField(label=_("Has an expiry date"), required=False)
    shelf_life_days = forms.IntegerField(label=_("Keeps for (days)"), required=False,
                                         min_value=1)

    def __init__(self, *args, categories=(), description_html="", **kwargs):
        """The description box holds plain text (description_as_text of the stored HTML):
        left as it was, the stored description is kept with its formatting."""
        kwargs.setdefault("initial", {})
        kwargs["initial"] = {**kwargs["initial"],
                             "description": description_as_text(description_html)}
        super().__init__(*args, **kwargs)
        self.description_html = description_html
        self.categories = {str(c.pk): c for c in categories}
        self.fields["category"].choices = [("", _("Choose a category")), *[
            (str(c.pk), ("— " * (c.depth - 1)) + c.name) for c in categories]]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["category"] = self.categories.get(data.get("category") or "")
        typed = (data.get("description") or "").replace("\r\n", "\n").strip()
        data["description"] = (self.description_html if typed == self.initial["description"]
                               else description_from_text(typed))
        return data


class VariantForm(forms.Form):
    name = forms.CharField(label=_("Variant (size, flavour)"), max_length=120, required=False,
                           help_text=_("Such as 250 g or Pedas."))
    sku = forms.CharField(label=_("Product code (SKU)"), max_length=64)
    price = RupiahField(label=_("Price (Rp)"))
    compare_at_price = RupiahField(label=_("Price before discount (Rp)"), required=False)
    weight_grams = forms.IntegerField(label=_("Weight (grams)"), required=False, min_value=0)
    barcode = forms.CharField(label=_("Barcode"), max_length=32, required=False)

    def service_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        data.setdefault("weight_grams", 0)
        return data


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet (CSV or XLSX)"))
    photos = forms.FileField(label=_("Photos (ZIP, optional)"), required=False)


class FulfilForm(forms.Form):
    status = forms.ChoiceField(choices=[("packed", _("Packed")), ("ready", _("Ready at the store")),
                                        ("shipped", _("Shipped"))])
    tracking_number = forms.CharField(label=_("Tracking number (resi)"), max_length=60,
                                      required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))


class SupplierForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    contact_person = forms.CharField(label=_("Contact person"), max_length=150, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    email = forms.CharField(label=_("Email (purchase orders go here)"), max_length=254,
                            required=False)
    address = forms.CharField(label=_("Address"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    payment_terms = forms.CharField(label=_("Payment terms"), max_length=200, required=False,
                                    help_text=_("Such as: 14 days after delivery."))
    lead_time_days = forms.IntegerField(label=_("Days from order to delivery"), min_value=0,
                                        initial=3)
    minimum_order_value = RupiahField(label=_("Minimum order (Rp)"), initial=0)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class FeedUploadForm(forms.Form):
    file = forms.FileField(label=_("Price and stock list"),
                           help_text=_(".csv, .xlsx or .json from the supplier."))
    apply = forms.BooleanField(label=_("Apply the changes (otherwise only check)"),
                               required=False)
    apply_valid_rows = forms.BooleanField(
        label=_("Apply the good rows even if some rows have problems"), required=False)


class FeedScheduleForm(forms.Form):
    url = forms.URLField(label=_("Address of the supplier's price list (HTTPS)"),
                         required=False, assume_scheme="https")
    format = forms.ChoiceField(label=_("File type"), choices=[
        ("csv", "CSV"), ("xlsx", "XLSX"), ("json", "JSON")])
    every_hours = forms.IntegerField(label=_("Fetch every (hours)"), min_value=1,
                                     max_value=24 * 7, initial=24)
    pull_enabled = forms.BooleanField(label=_("Fetch it on this schedule"), required=False)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class OrderSearchForm(SearchForm):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All")), *OrderStatus.choices])


class ReportPeriodForm(forms.Form):
    dari = DayField(label=_("From"), required=False)
    sampai = DayField(label=_("To"), required=False)


class PayoutPeriodForm(forms.Form):
    period_end = DayField(label=_("Period end"))


class ShuYearForm(forms.Form):
    tahun = forms.IntegerField(label=_("Year"), required=False,
                               min_value=inputs.FIRST_DAY.year, max_value=inputs.LAST_DAY.year)


class ShuCalculateForm(forms.Form):
    """The SHU split as typed: the year, the surplus and each part in percent (empty is 0)."""

    year = forms.IntegerField(label=_("Year"), min_value=inputs.FIRST_DAY.year,
                              max_value=inputs.LAST_DAY.year)
    surplus = RupiahField(label=_("Surplus to share (Rp)"))
    voluntary = forms.BooleanField(required=False)

    LABELS = {"reserve": _("Reserve fund"), "jasa_anggota": _("Jasa anggota"),
              "jasa_modal": _("Jasa modal")}

    def __init__(self, data, *, parts):
        super().__init__(data)
        self.parts = parts
        for part in parts:
            self.fields[part] = PercentField(label=self.LABELS.get(part, _("Other uses")),
                                             required=False)

    def percents(self) -> dict:
        return {part: self.cleaned_data[part] or 0 for part in self.parts}


class PriceRuleForm(forms.Form):
    name = forms.CharField(label=_("Name"), required=False, max_length=150)
    kind = forms.CharField(label=_("Kind"), required=False, max_length=20)
    value = PercentField(label=_("Value"), required=False)
    category = WholeField(required=False)
    priority = forms.IntegerField(label=_("Priority"), required=False,
                                  min_value=-LARGEST_WHOLE, max_value=LARGEST_WHOLE)


class StockForm(forms.Form):
    sku = forms.CharField(label=_("Product code (SKU)"), max_length=64)
    location = WholeField(required=False)
    target = WholeField(required=False)
    quantity = WholeField(label=_("Units"), required=False)
    counted = WholeField(label=_("Units counted"), required=False)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


class SupplierItemMapForm(forms.Form):
    sku = forms.CharField(label=_("Product code (SKU)"), required=False, max_length=64)
    variant = WholeField(required=False)


class MessageFilterForm(forms.Form):
    """The console's message log filters; an odd value shows everything rather than fail."""

    state = forms.ChoiceField(label=_("State"), required=False,
                              choices=[("", _("All")), *MessageState.choices])
    channel = forms.ChoiceField(label=_("Channel"), required=False,
                                choices=[("", _("All")), *Channel.choices])
    q = forms.CharField(label=_("Phone or e-mail"), required=False, max_length=100)


class PaymentFilterForm(forms.Form):
    """The console's payments list filter; an odd value shows everything rather than fail."""

    state = forms.ChoiceField(label=_("State"), required=False,
                              choices=[("", _("All")), *AttemptState.choices])


class GatewaySettingsForm(forms.Form):
    """The cooperative's gateway account and the ways shoppers may pay online. A key left
    empty keeps the one saved (keys are never shown again)."""

    provider = forms.ChoiceField(label=_("Payment gateway"), required=False, choices=[
        ("", _("None")), (Provider.MIDTRANS, "Midtrans"), (Provider.XENDIT, "Xendit")])
    is_production = forms.BooleanField(label=_("Live account (real money)"), required=False)
    midtrans_client_key = forms.CharField(label=_("Midtrans client key"), required=False,
                                          max_length=100)
    midtrans_server_key = forms.CharField(label=_("Midtrans server key"), required=False,
                                          widget=forms.PasswordInput, max_length=200)
    xendit_secret_key = forms.CharField(label=_("Xendit secret API key"), required=False,
                                        widget=forms.PasswordInput, max_length=200)
    xendit_callback_token = forms.CharField(label=_("Xendit callback verification token"),
                                            required=False, widget=forms.PasswordInput,
                                            max_length=200)
    methods = forms.MultipleChoiceField(label=_("Ways to pay offered to shoppers"),
                                        required=False, choices=Method.choices[:-1],
                                        widget=forms.CheckboxSelectMultiple)
    fee_mode = forms.ChoiceField(label=_("Gateway fee"), choices=FeeMode.choices)
    qris_expiry_minutes = forms.IntegerField(label=_("A QRIS can be paid for (minutes)"),
                                             min_value=5, max_value=10080)
    va_expiry_minutes = forms.IntegerField(
        label=_("A virtual account can be paid for (minutes)"), min_value=5, max_value=10080)
    static_qris_payload = forms.CharField(
        label=_("The cooperative's printed QRIS"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The text a QR reader app shows when it scans the QRIS on the counter."))

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        for secret in ("midtrans_server_key", "xendit_secret_key", "xendit_callback_token"):
            if not data.get(secret):
                data.pop(secret, None)
        return data


class VoucherForm(forms.Form):
    code = forms.CharField(label=_("Code shoppers type"), max_length=40,
                           help_text=_("Such as HEMAT10. Letters and digits."))
    kind = forms.ChoiceField(label=_("Discount type"), choices=Voucher.Kind.choices)
    value = RupiahField(label=_("Discount (percent, or rupiah)"),
                        help_text=_("10 for 10 percent off; 5.000 for Rp5.000 off."))
    min_spend = RupiahField(label=_("Minimum spend (Rp)"), required=False)
    usage_limit = WholeField(label=_("How many times in all"), required=False)
    per_customer_limit = WholeField(label=_("How many times per shopper"), required=False)
    starts = DayField(label=_("Valid from"), required=False)
    ends = DayField(label=_("Valid until (inclusive)"), required=False)

    def service_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("starts", "ends")}
        data["min_spend"] = data.get("min_spend") or 0
        zone = timezone.get_current_timezone()
        if self.cleaned_data.get("starts"):
            data["starts_at"] = datetime.datetime.combine(self.cleaned_data["starts"],
                                                          datetime.time.min, zone)
        if self.cleaned_data.get("ends"):
            data["ends_at"] = datetime.datetime.combine(
                self.cleaned_data["ends"] + datetime.timedelta(days=1), datetime.time.min, zone)
        return data
