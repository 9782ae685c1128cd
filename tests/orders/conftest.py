from tests.orders.stripe_server import localstripe_url, stripe_on  # noqa: F401  (fixtures)
