"""Every message the product sends, once: its subject, its text (Bahasa Indonesia first through
gettext, English available) and its variables in the order WhatsApp numbers them ({{1}}, {{2}}
...). The same text is what a cooperative submits for approval in WhatsApp Manager
(`whatsapp_template_definitions`), what an SMS carries and what an e-mail says."""

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .error_codes import MessagingErrorCode


@dataclass(frozen=True)
class Template:
    name: str
    subject: object
    parts: tuple  # lazy texts joined by a space; each may use any of `variables`
    variables: tuple[str, ...]
    secret: tuple[str, ...] = ()  # wiped from the log once the message is settled
    category: str = "UTILITY"  # WhatsApp's template category
    is_code: bool = False  # asked for by the person just now: sent even after BERHENTI
    is_reply: bool = False  # an answer inside WhatsApp's 24-hour window: free text

    @property
    def whatsapp_name(self) -> str:
        return f"coopmart_{self.name}"


class UnknownTemplate(ValueError):
    code = MessagingErrorCode.UNKNOWN_TEMPLATE


ORDER_LINK = _("See your order: %(link)s")
CODE_TEXT = _("Your coop-mart code for %(cooperative)s is %(code)s. It is valid for "
              "%(minutes)s minutes. Do not give it to anyone.")

_TEMPLATES = [
    Template("order_placed_pickup", _("Order %(number)s placed"),
             (_("Thank you! Your order %(number)s (%(total)s) has been placed."),
              _("Pickup code: %(code)s at %(store)s."), ORDER_LINK),
             ("number", "total", "code", "store", "link")),
    Template("order_placed_delivery", _("Order %(number)s placed"),
             (_("Thank you! Your order %(number)s (%(total)s) has been placed."),
              _("We will tell you when it is on its way."), ORDER_LINK),
             ("number", "total", "link")),
    Template("order_paid", _("Order %(number)s paid"),
             (_("We have received %(total)s for order %(number)s."), ORDER_LINK),
             ("total", "number", "link")),
    Template("order_ready", _("Order %(number)s is ready"),
             (_("Order %(number)s is ready for pickup at %(store)s. Show your pickup code."),
              ORDER_LINK), ("number", "store", "link")),
    Template("order_shipped", _("Order %(number)s shipped"),
             (_("Order %(number)s is on its way. Tracking number: %(tracking)s."),
              ORDER_LINK), ("number", "tracking", "link")),
    Template("order_delivered", _("Order %(number)s delivered"),
             (_("Order %(number)s has been delivered. Thank you for shopping with us."),
              ORDER_LINK), ("number", "link")),
    Template("code_membership", _("Your membership code"), (CODE_TEXT,),
             ("cooperative", "code", "minutes"), secret=("code",),
             category="AUTHENTICATION", is_code=True),
    Template("code_sign_in", _("Your sign-in code"), (CODE_TEXT,),
             ("cooperative", "code", "minutes"), secret=("code",),
             category="AUTHENTICATION", is_code=True),
    Template("code_password_reset", _("Your password reset code"), (CODE_TEXT,),
             ("cooperative", "code", "minutes"), secret=("code",),
             category="AUTHENTICATION", is_code=True),
    Template("code_order_lookup", _("Your order code"), (CODE_TEXT,),
             ("cooperative", "code", "minutes"), secret=("code",),
             category="AUTHENTICATION", is_code=True),
    Template("password_reset_link", _("Set a new coop-mart password"),
             (_("Someone asked to set a new password for your coop-mart account. Open this "
                "link to choose a new password: %(link)s If you did not ask for this, ignore "
                "this message: your password stays the same."),),
             ("link",), secret=("link",), is_code=True),
    Template("staff_invitation", _("You were added to the staff of %(cooperative)s"),
             (_("You were added as %(role)s of %(cooperative)s on coop-mart. Open this link "
                "to choose your password and sign in: %(link)s"),),
             ("cooperative", "role", "link"), secret=("link",)),
    Template("permit_halal_expiring", _("The halal certificate of %(business)s expires soon"),
             (_("The halal certificate of %(business)s is valid until %(date)s. Renew it "
                "before that date and enter the new number and date in the shop's details, "
                "so the products stay in the store."),), ("business", "date")),
    Template("permit_halal_expired", _("The halal certificate of %(business)s has expired"),
             (_("The halal certificate of %(business)s was valid until %(date)s. Renew the "
                "certificate and enter the new number and date in the shop's details."),),
             ("business", "date")),
    Template("permit_food_expiring", _("The food permit of %(business)s expires soon"),
             (_("The food permit of %(business)s is valid until %(date)s. Renew it before "
                "that date and enter the new number and date in the shop's details, so the "
                "products stay in the store."),), ("business", "date")),
    Template("permit_food_expired", _("The food permit of %(business)s has expired"),
             (_("The food permit of %(business)s was valid until %(date)s. The shop's food "
                "and drink products are hidden from the store until a renewed permit is "
                "entered."),), ("business", "date")),
    Template("manager_member_sync_failed", _("The member register sync failed"),
             (_("The register at %(url)s was not imported; nothing changed. %(reason)s"),),
             ("url", "reason")),
    Template("seller_new_order", _("New order %(number)s"),
             (_("New order %(number)s for %(business)s: %(items)s. Prepare it in the seller "
                "portal."),), ("number", "business", "items")),
    Template("seller_product_approved", _("Product approved"),
             (_("Your product %(product)s has been approved and is now in the store."),),
             ("product",)),
    Template("seller_products_approved", _("Products approved"),
             (_("%(count)s of your products have been approved and are now in the store."),),
             ("count",)),
    Template("seller_product_rejected", _("Product not approved"),
             (_("Your product %(product)s was not approved: %(reason)s. Change it in the "
                "seller portal and send it again."),), ("product", "reason")),
    Template("seller_payout_paid", _("Payout paid"),
             (_("We have paid %(amount)s to %(business)s (reference %(reference)s)."),),
             ("amount", "business", "reference")),
    Template("manager_supplier_sync_failed", _("Supplier feed failed"),
             (_("The feed of supplier %(supplier)s could not be read: %(error)s."),),
             ("supplier", "error")),
    Template("manager_feed_cost_alert", _("Supplier prices changed"),
             (_("%(count)s costs from supplier %(supplier)s changed by more than the alert "
                "limit: %(details)s. Check the sell prices in the console."),),
             ("count", "supplier", "details")),
    Template("manager_transfer_receipt", _("Transfer receipt to check"),
             (_("A transfer receipt for order %(number)s (%(total)s) waits to be checked: "
                "%(link)s"),), ("number", "total", "link")),
    Template("manager_payment_held", _("Payment held"),
             (_("A payment of %(amount)s (%(reference)s) is held for a manager: %(reason)s. "
                "Check it in the console: %(link)s"),), ("amount", "reference", "reason", "link")),
    Template("dues_reminder_before", _("Mandatory savings due on %(due)s"),
             (_("Your simpanan wajib of %(amount)s at %(cooperative)s is due on %(due)s."),
              _("See your savings and how to pay: %(link)s")),
             ("cooperative", "amount", "due", "link")),
    Template("dues_reminder_after", _("Mandatory savings overdue"),
             (_("Your simpanan wajib at %(cooperative)s is %(amount)s behind (due since "
                "%(due)s). Member prices stop after the grace period."),
              _("See your savings and how to pay: %(link)s")),
             ("cooperative", "amount", "due", "link")),
    Template("reply_help", _("coop-mart"),
             (_("This is the coop-mart of %(cooperative)s. Shop and see your orders at "
                "%(link)s. Reply BERHENTI to stop receiving messages."),),
             ("cooperative", "link"), is_reply=True),
    Template("reply_opted_out", _("coop-mart"),
             (_("You will no longer receive messages from %(cooperative)s. Reply MULAI to "
                "receive them again."),), ("cooperative",), is_reply=True, is_code=True),
]
TEMPLATES = {template.name: template for template in _TEMPLATES}


def template_get(name: str) -> Template:
    try:
        return TEMPLATES[name]
    except KeyError:
        raise UnknownTemplate(name) from None


def template_render(template: Template, variables: dict, language: str) -> tuple[str, str]:
    """The subject and text in `language`."""
    with translation.override(language):
        return (str(template.subject) % variables,
                " ".join(str(part) % variables for part in template.parts))


@dataclass
class WhatsAppDefinition:
    name: str
    language: str
    category: str
    body: str
    variables: list[str] = field(default_factory=list)


def whatsapp_template_definitions(languages=("id", "en")) -> list[WhatsAppDefinition]:
    """The templates to submit in WhatsApp Manager: the same text with {{1}}, {{2}} ... in
    the order the variables are sent."""
    definitions = []
    for template in _TEMPLATES:
        if template.is_reply:
            continue
        numbered = {name: f"{{{{{i}}}}}" for i, name in enumerate(template.variables, 1)}
        for language in languages:
            definitions.append(WhatsAppDefinition(
                template.whatsapp_name, language, template.category,
                template_render(template, numbered, language)[1], list(template.variables)))
    return definitions
