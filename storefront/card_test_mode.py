"""The card step when the Payment Element cannot load: with test keys against a
Stripe-compatible test server (STRIPE_API_BASE, such as localstripe), the page offers a
"test card" button and the server confirms the PaymentIntent with Stripe's test card, as
Stripe.js would in the browser. Never available with live keys or against Stripe itself."""

from django.conf import settings


def available() -> bool:
    return bool(settings.STRIPE_SECRET_KEY.startswith("sk_test_") and settings.STRIPE_API_BASE)


def confirm_with_test_card(payment, card: str = "pm_card_visa") -> None:
    import stripe

    if not available():
        raise PermissionError("test cards only in test mode against a test server")
    client = stripe.StripeClient(settings.STRIPE_SECRET_KEY, max_network_retries=0,
                                 base_addresses={"api": settings.STRIPE_API_BASE})
    client.v1.payment_intents.update(payment.psp_reference, {"payment_method": card})
    try:
        client.v1.payment_intents.confirm(payment.psp_reference)
    except stripe.StripeError:
        pass  # a declined card: payment_sync reads the intent's state and says so
