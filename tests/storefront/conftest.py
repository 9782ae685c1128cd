from decimal import Decimal

import pytest
from django.utils import timezone

from inventory.models import Location
from inventory.services import stock_receive
from members.models import Member, PriceRule


@pytest.fixture
def store_a(coop_a):
    return Location.objects.create(cooperative=coop_a, name="Kopmart Cipare", code="cipare")


@pytest.fixture
def emping(published, store_a):
    """Emping Melinjo Original, Rp25.000, 10 at Kopmart Cipare."""
    stock_receive(published.variants.get(), store_a, 10)
    return published


@pytest.fixture
def member_rule(coop_a):
    return PriceRule.objects.create(cooperative=coop_a, name="Anggota", kind="percent",
                                    value=Decimal(10))


@pytest.fixture
def register_member(coop_a):
    return Member.objects.create(cooperative=coop_a, member_number="A-0042",
                                 full_name="Siti Aminah", status="anggota",
                                 phone="+6281234560042", dues_paid_until=timezone.localdate())


@pytest.fixture
def outbox(connected_coop, whatsapp_cloud, messages_sent_at_once):
    """Codes reach the member's WhatsApp (the Cloud API emulator, tests/emulators/)."""
    return whatsapp_cloud.inbox


from tests.orders.stripe_server import localstripe_url, stripe_on  # noqa: E402,F401
