"""Data built once per module: a fixture opens a transaction around the whole module and
rolls it back at the end; each test runs in a savepoint inside it (pytest-django's `db`)."""

import contextlib

import pytest
from django.db import transaction


@contextlib.contextmanager
def module_data(django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            yield
            transaction.set_rollback(True)


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    with module_data(django_db_blocker):
        yield
