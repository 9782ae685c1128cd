import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


FERNET_KEY = "bXlfMzJfYnl0ZV9rZXlfZm9yX3Rlc3RzX29ubHlfXzE="


def _django_setup(**env) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "COOPMART_ENV": "production", "ALLOWED_HOSTS": "example.test",
                "PERSONAL_DATA_KEYS": FERNET_KEY, **env}
    full_env = {k: v for k, v in full_env.items() if v is not None}
    return subprocess.run([sys.executable, "-c", "import django; django.setup()"], cwd=ROOT,
                          env=full_env, capture_output=True, text=True)


@pytest.mark.parametrize("env, reason", [
    ({"DEBUG": "1", "SECRET_KEY": "x" * 50}, "DEBUG is on in production"),
    ({"SECRET_KEY": None}, "set SECRET_KEY"),
    ({"SECRET_KEY": "django-insecure-" + "x" * 40}, "set SECRET_KEY"),
    ({"SECRET_KEY": "short"}, "set SECRET_KEY"),
    ({"SECRET_KEY": "k" * 50, "PERSONAL_DATA_KEYS": None}, "set PERSONAL_DATA_KEYS"),
    ({"SECRET_KEY": "k" * 50, "STRIPE_SECRET_KEY": "sk_live_x", "STRIPE_WEBHOOK_SECRET": None},
     "needs STRIPE_WEBHOOK_SECRET"),
])
def test_production_refuses_to_start_with_debug_or_a_default_secret(env, reason):
    result = _django_setup(**{"SECRET_KEY": None, **env})
    assert result.returncode != 0
    assert reason in result.stderr


def test_production_starts_with_a_real_secret():
    result = _django_setup(SECRET_KEY="k" * 20 + "9f3Qz" * 6)
    assert result.returncode == 0, result.stderr
