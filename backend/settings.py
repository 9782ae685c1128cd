"""Settings come from the environment (12-factor); see the configuration table in README.md."""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from backend.statement_timeout import statement_timeout_option

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("COOPMART_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    return [v.strip() for v in value.split(",") if v.strip()] if value else default


COOPMART_ENV = os.environ.get("COOPMART_ENV", "development")
PRODUCTION = COOPMART_ENV == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)
# `./dev run` is how a small cooperative runs its store: DEBUG off (it kept every SQL
# statement, 2.6 GB over an import) yet photos served and GraphiQL there (`--debug` for
# developers). Production serves media from its storage and shows no GraphiQL.
SERVE_MEDIA = env_bool("SERVE_MEDIA", not PRODUCTION)
GRAPHIQL = env_bool("GRAPHIQL", not PRODUCTION)

INSECURE_SECRET_PREFIX = "dev-insecure-"


def _development_secret_key() -> str:
    # A per-checkout random key, kept under var/ so sessions survive restarts.
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = INSECURE_SECRET_PREFIX + secrets.token_urlsafe(48)
    path.write_text(key)
    return key


SECRET_KEY = os.environ.get("SECRET_KEY") or ("" if PRODUCTION else _development_secret_key())

if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("Refusing to start: DEBUG is on in production.")
    if len(SECRET_KEY) < 32 or SECRET_KEY.startswith(INSECURE_SECRET_PREFIX) or (
        SECRET_KEY.startswith("django-insecure")
    ):
        raise ImproperlyConfigured(
            "Refusing to start: set SECRET_KEY to a random value of at least 32 characters."
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["*"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "graphene_django",
    "axes",
    "backend.accounts",
    "backend.cooperatives",
    "backend.jobs",
    "treebeard",
    "catalog",
    "members",
    "inventory",
    "messaging",
    "payments",
    "orders",
    "suppliers",
    "till",
    "savings",
    "reports",
    "storefront",
    "dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "backend.accounts.middleware.JWTAuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "backend.accounts.middleware.WebSignInLockoutMiddleware",
]

ROOT_URLCONF = "backend.urls"
WSGI_APPLICATION = "backend.wsgi.application"
ASGI_APPLICATION = "backend.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # backend/templates: the project's GraphiQL page (its scripts from our static files).
        "DIRS": [BASE_DIR / "backend" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# -- data stores ---------------------------------------------------------------------------
EMBEDDED_POSTGRES_DIR = VAR_DIR / "postgres"


def _default_database_url() -> str:
    # `./dev run` always sets DATABASE_URL; this default lets `manage.py shell` reach the
    # embedded server that `./dev run` started.
    return f"postgres://postgres@{str(EMBEDDED_POSTGRES_DIR).replace('/', '%2F')}/coopmart"


DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or _default_database_url(),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Every SQL statement ends after this many milliseconds, so no request holds a worker and a
# connection for long (PostgreSQL's statement_timeout, 0 = none). Celery workers (imports,
# exports, rebuilds) use JOB_STATEMENT_TIMEOUT_MS instead (backend/celery.py).
STATEMENT_TIMEOUT_MS = int(os.environ.get("STATEMENT_TIMEOUT_MS", "10000"))
JOB_STATEMENT_TIMEOUT_MS = int(os.environ.get("JOB_STATEMENT_TIMEOUT_MS", "600000"))


DATABASES["default"].setdefault("OPTIONS", {})["options"] = statement_timeout_option(
    STATEMENT_TIMEOUT_MS, DATABASES["default"].get("OPTIONS", {}).get("options", ""))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

def _redis_url_of_test_process(url: str) -> str:
    """The test suite runs in side-by-side processes (pytest-xdist sets PYTEST_XDIST_WORKER,
    inherited by the servers a test starts): each gets Redis databases of its own, so one's
    cache clearing, throttles and Celery queue never reach another's."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not url.startswith("redis://") or not worker.startswith("gw"):
        return url
    parts = urlsplit(url)
    db = parts.path.strip("/")
    number = (int(db) if db.isdigit() else 0) + 2 * (int(worker[2:]) + 1)
    return urlunsplit(parts._replace(path=f"/{number}"))


REDIS_URL = _redis_url_of_test_process(os.environ.get("REDIS_URL", ""))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "coopmart",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# A ranked search's ids, total and facets are kept this long for the next shopper typing the
# same (any catalog change makes them unused at once); 0 turns it off.
SEARCH_CACHE_SECONDS = int(os.environ.get("SEARCH_CACHE_SECONDS", "30"))
# Public storefront queries asked again within this many seconds are answered from the web
# process's memory (backend/graphql/response_cache.py); 0 turns it off. A shopper may see a
# price this old, never older.
RESPONSE_CACHE_SECONDS = float(os.environ.get("RESPONSE_CACHE_SECONDS", "1"))

# -- Celery ----------------------------------------------------------------------------------
CELERY_BROKER_URL = _redis_url_of_test_process(
    os.environ.get("CELERY_BROKER_URL") or REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ACKS_LATE = True  # a task whose worker crashes is delivered again
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE: dict = {
    # 01:00 UTC is 08:00 in Jakarta: warnings arrive at the start of the working day.
    "catalog-permits": {"task": "catalog.tasks.check_permits",
                        "schedule": crontab(hour=1, minute=0)},
    "orders-unpaid": {"task": "orders.tasks.cancel_unpaid_orders",
                      "schedule": crontab(minute="*/5")},
    "inventory-reservations": {"task": "inventory.tasks.purge_expired_reservations",
                               "schedule": crontab(minute="*/10")},
    "member-register-syncs": {"task": "members.tasks.run_due_member_syncs",
                              "schedule": crontab(minute="*/15")},
    "supplier-feed-pulls": {"task": "suppliers.tasks.run_due_supplier_pulls",
                            "schedule": crontab(minute="*/15")},
    "messages-lost": {"task": "messaging.tasks.requeue_lost_messages",
                      "schedule": crontab(minute="*")},
    "payments-expire": {"task": "payments.tasks.expire_payments",
                        "schedule": crontab(minute="*")},
    "payments-reconcile": {"task": "payments.tasks.reconcile_payments",
                           "schedule": crontab(minute="*/5")},
    "one-time-codes": {"task": "backend.accounts.tasks.purge_old_codes",
                       "schedule": crontab(minute=7)},
    "savings-dues-reminders": {"task": "savings.tasks.send_dues_reminders",
                               "schedule": crontab(hour=2, minute=0)},
}
CELERY_TIMEZONE = "UTC"

# -- accounts and authentication --------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "backend.accounts.backends.EmailOrPhoneBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if os.environ.get("COOPMART_FAST_PASSWORD_HASHING") == "1":
    # The test runner's switch (backend/stack.py): Argon2 took 61% of the suite's time. New
    # passwords get a fast hash; Argon2 hashes still verify. Never set it in production.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", str(60 * 60 * 3)))

JWT_ACCESS_TTL = timedelta(minutes=int(os.environ.get("JWT_ACCESS_TTL_MINUTES", "15")))
JWT_REFRESH_TTL = timedelta(days=int(os.environ.get("JWT_REFRESH_TTL_DAYS", "30")))

# Failed sign-ins are throttled per login name and IP address (django-axes, kept in the cache).
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("SIGN_IN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("SIGN_IN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The login name is passed to authenticate() as `username` (email or phone alike).
AXES_USERNAME_FORM_FIELD = "username"
# Count 0812..., +62812... and upper-case e-mails as the one login they are.
AXES_USERNAME_CALLABLE = "backend.accounts.selectors.throttle_key"
# Behind a load balancer, the client's address is in X-Forwarded-For: trust that many proxies.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if AXES_IPWARE_PROXY_COUNT else ("REMOTE_ADDR",)
)
AXES_RESET_ON_SUCCESS = True
# Beside that, sign-in attempts are capped per client address (backend/ratelimit.py), before
# any password is hashed: every attempt counts against the per-minute cap, failed ones against
# the per-address failure limit (whatever the login names tried).
SIGN_IN_ATTEMPTS_PER_ADDRESS_PER_MINUTE = int(
    os.environ.get("SIGN_IN_ATTEMPTS_PER_ADDRESS_PER_MINUTE", "10"))
SIGN_IN_FAILURES_PER_ADDRESS = int(os.environ.get("SIGN_IN_FAILURES_PER_ADDRESS", "30"))
AXES_VERBOSE = False
# axes.W002: its middleware is there, as the subclass WebSignInLockoutMiddleware.
SILENCED_SYSTEM_CHECKS = ["axes.W002"] + (["axes.W001"] if not REDIS_URL else [])

DEFAULT_PHONE_REGION = "ID"

# One-time codes for claiming a membership: how long they last, how many tries.
# Where delivery options and their fees come from (see orders/delivery.py).
DELIVERY_RATE_PROVIDERS = env_list("DELIVERY_RATE_PROVIDERS", [
    "orders.delivery.LocalDeliveryRates", "orders.delivery.FlatCourierRates"])
# Messages (messaging/): WhatsApp Cloud API and Twilio addresses (emulators in tests), retries
# with backoff (MESSAGE_RETRY_SECONDS x 1, 2, 4 ...), and a cap per recipient per hour.
WHATSAPP_API_BASE = os.environ.get("WHATSAPP_API_BASE", "https://graph.facebook.com/v21.0")
TWILIO_API_BASE = os.environ.get("TWILIO_API_BASE", "https://api.twilio.com")
MESSAGE_RETRY_SECONDS = float(os.environ.get("MESSAGE_RETRY_SECONDS", "30"))
MESSAGE_MAX_TRIES = int(os.environ.get("MESSAGE_MAX_TRIES", "6"))
MESSAGE_STALE_SECONDS = float(os.environ.get("MESSAGE_STALE_SECONDS", "300"))
MESSAGE_LIMIT_PER_RECIPIENT = int(os.environ.get("MESSAGE_LIMIT_PER_RECIPIENT", "30"))
# Card payments through Stripe; off while STRIPE_SECRET_KEY is empty. STRIPE_API_BASE points
# the client elsewhere (localstripe in tests).
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "")
if STRIPE_SECRET_KEY and not STRIPE_WEBHOOK_SECRET:
    # Without it no webhook can be verified, so no card payment would ever count as paid.
    raise ImproperlyConfigured("Refusing to start: STRIPE_SECRET_KEY needs STRIPE_WEBHOOK_SECRET.")
# Online payments (payments/): each cooperative's own Midtrans or Xendit account, saved in the
# console. The API bases point the official libraries elsewhere (the tests' emulators).
MIDTRANS_API_BASE = os.environ.get("MIDTRANS_API_BASE", "")
XENDIT_API_BASE = os.environ.get("XENDIT_API_BASE", "")
# A payment still pending this long after it started is asked about (a lost notification).
PAYMENT_RECONCILE_AFTER_MINUTES = int(os.environ.get("PAYMENT_RECONCILE_AFTER_MINUTES", "10"))
MEMBER_CODE_TTL = timedelta(minutes=int(os.environ.get("MEMBER_CODE_TTL_MINUTES", "10")))
MEMBER_CODE_MAX_TRIES = 5
MEMBER_CLAIMS_PER_HOUR = 5
# One-time codes to sign in, reset a password or find a guest order (backend/accounts/codes.py):
# how long they last and how many wrong tries one code takes.
ONE_TIME_CODE_TTL = timedelta(minutes=int(os.environ.get("ONE_TIME_CODE_TTL_MINUTES", "5")))
ONE_TIME_CODE_MAX_TRIES = int(os.environ.get("ONE_TIME_CODE_MAX_TRIES", "5"))
# Anything that sends a message or a code (password e-mails, claim codes, later WhatsApp/SMS
# codes): at most this many per person (login, phone, member number) and per client address
# in each window (backend/ratelimit.py).
SEND_LIMIT_WINDOW_SECONDS = int(os.environ.get("SEND_LIMIT_WINDOW_MINUTES", "5")) * 60
SEND_LIMIT_PER_PERSON = int(os.environ.get("SEND_LIMIT_PER_PERSON", "1"))
SEND_LIMIT_PER_ADDRESS = int(os.environ.get("SEND_LIMIT_PER_ADDRESS", "20"))
MEMBER_CARD_TTL = timedelta(minutes=int(os.environ.get("MEMBER_CARD_TTL_MINUTES", "30")))
# How long a till trusts the member list it keeps for member prices offline.
TILL_ELIGIBILITY_HOURS = int(os.environ.get("TILL_ELIGIBILITY_HOURS", "24"))
# Register sync sources must use HTTPS, except these hosts (a local test server).
MEMBER_SYNC_PLAIN_HTTP_HOSTS = env_list("MEMBER_SYNC_PLAIN_HTTP_HOSTS",
                                        [] if PRODUCTION else ["127.0.0.1", "localhost"])
# A scheduled pull (member register sync, supplier feed) that could not reach its source is
# tried again after 1, 2, 4 times this many seconds (SUPPLIER_FEED_RETRY_SECONDS, its old name,
# is still read).
PULL_RETRY_SECONDS = int(os.environ.get("PULL_RETRY_SECONDS")
                         or os.environ.get("SUPPLIER_FEED_RETRY_SECONDS", "60"))

# Fernet keys for personal data at rest (NIK); newest first. See backend/crypto.py.
PERSONAL_DATA_KEYS = env_list("PERSONAL_DATA_KEYS", [])
if PRODUCTION and not PERSONAL_DATA_KEYS:
    raise ImproperlyConfigured(
        "Refusing to start: set PERSONAL_DATA_KEYS (a Fernet key, "
        "`python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key())'`).")

# -- GraphQL ---------------------------------------------------------------------------------
GRAPHENE = {
    "SCHEMA": "backend.graphql.schema.schema",
    "RELAY_CONNECTION_MAX_LIMIT": 100,
    "RELAY_CONNECTION_ENFORCE_FIRST_OR_LAST": True,
    "DJANGO_CHOICE_FIELD_ENUM_CUSTOM_NAME": "backend.graphql.core.naming.choice_enum_name",
}
# A mutation raising an error code its enum does not declare fails instead of answering
# INVALID (backend/graphql/core/errors.py); production logs it and answers INVALID.
GRAPHQL_STRICT_ERROR_CODES = env_bool("GRAPHQL_STRICT_ERROR_CODES", DEBUG)
GRAPHQL_MAX_DEPTH = int(os.environ.get("GRAPHQL_MAX_DEPTH", "12"))
GRAPHQL_MAX_COST = int(os.environ.get("GRAPHQL_MAX_COST", "25000"))
# What one search (a `search` argument, a type-ahead) and one whole-schema introspection add
# to a query's cost: a search runs some 10-30 ms of SQL, where a field costs microseconds.
GRAPHQL_SEARCH_COST = int(os.environ.get("GRAPHQL_SEARCH_COST", "2000"))
GRAPHQL_SCHEMA_COST = int(os.environ.get("GRAPHQL_SCHEMA_COST", "5000"))
GRAPHQL_MAX_ALIASES = int(os.environ.get("GRAPHQL_MAX_ALIASES", "30"))
GRAPHQL_MAX_ROOT_FIELDS = int(os.environ.get("GRAPHQL_MAX_ROOT_FIELDS", "30"))
# Tokens (names, punctuation, values) in one request's document; read no further.
GRAPHQL_MAX_TOKENS = int(os.environ.get("GRAPHQL_MAX_TOKENS", "10000"))
# Introspection for everyone; off in production, where only staff may read the schema.
GRAPHQL_PUBLIC_INTROSPECTION = env_bool("GRAPHQL_PUBLIC_INTROSPECTION", not PRODUCTION)

# -- i18n, time ----------------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

# -- files -----------------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "backend" / "static"]  # favicon, GraphiQL
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Files with personal data (payment proofs) never sit under MEDIA_ROOT: they are served
# only through views that check who asks.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# -- email -----------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "coop-mart <noreply@localhost>")

# -- security in production ------------------------------------------------------------------
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# -- links in emails ---------------------------------------------------------------------------
LOGIN_URL = "dashboard:sign-in"
LOGIN_REDIRECT_URL = "/"
PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://localhost:8000").rstrip("/")
PASSWORD_SET_PATH = "/akun/sandi-baru/"
# Hosts of storefront apps allowed as `redirectUrl` in password e-mails, besides the
# cooperatives' own host names.
ALLOWED_CLIENT_HOSTS = env_list(
    "ALLOWED_CLIENT_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1"]
)
