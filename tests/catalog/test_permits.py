import datetime

import pytest
from django.core import mail
from django.utils import timezone
from graphql_relay import to_global_id

from catalog.models import ModerationEvent, Seller
from catalog.services.permits import permits_check
from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

LIST = '{ products(cooperative: "koperasi-a", first: 10) { edges { node { name } } } }'


def visible():
    return [e["node"]["name"] for e in GraphQLClient()(LIST)["products"]["edges"]]


def test_warning_30_days_ahead_goes_to_seller_and_managers_once(
        seller, manager_a, messages_sent_at_once, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    Seller.objects.filter(pk=seller.pk).update(
        halal_certificate_expires=today + datetime.timedelta(days=20))
    with django_capture_on_commit_callbacks(execute=True):
        counts = permits_check(today)
    assert counts == {"warned": 1, "expired": 0, "hidden": 0}
    # Through messaging: the seller and each manager get their own message (no WhatsApp or
    # SMS is connected here, so by e-mail).
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [seller.email or seller.owner.email, manager_a.email])
    assert mail.outbox[0].subject == ("Sertifikat halal Emping Bu Yati segera habis masa "
                                      "berlakunya")
    assert "Perpanjang sebelum tanggal itu" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert permits_check(today + datetime.timedelta(days=1))["warned"] == 0
    assert len(mail.outbox) == 2


def test_expired_food_permit_hides_food_products_until_renewed(
        gql, seller, published, manager_a, django_capture_on_commit_callbacks):
    published.is_food = True
    published.save()
    today = timezone.localdate()
    Seller.objects.filter(pk=seller.pk).update(
        food_permit_expires=today - datetime.timedelta(days=1))
    assert visible() == ["Emping Melinjo Original"]
    with django_capture_on_commit_callbacks(execute=True):
        counts = permits_check(today)
    assert counts["hidden"] == 1 and counts["expired"] == 1
    assert visible() == []
    assert ModerationEvent.objects.filter(action="product_hidden", product=published).exists()
    renewed = gql.login(seller.owner)(
        """mutation($id: ID!, $date: Date!) { sellerUpdate(id: $id, input: {
        foodPermitNumber: "2063604010123-30", foodPermitExpires: $date}) { errors { code } } }""",
        {"id": to_global_id("Seller", seller.pk),
         "date": (today + datetime.timedelta(days=365)).isoformat()})
    assert renewed["sellerUpdate"]["errors"] == []
    assert visible() == []  # a seller's own word does not bring food back
    confirmed = gql.login(manager_a)('mutation { sellerPermitsConfirm(id: "%s") { shownAgain '
                                     "errors { code } } }" % to_global_id("Seller", seller.pk))
    assert confirmed["sellerPermitsConfirm"] == {"shownAgain": 1, "errors": []}
    assert visible() == ["Emping Melinjo Original"]


def test_an_expired_halal_certificate_takes_the_halal_mark_away(seller, published):
    query = """{ products(cooperative: "koperasi-a", first: 5, filter: {halal: true}) {
        edges { node { name isHalal } } } }"""
    assert GraphQLClient()(query)["products"]["edges"] == [
        {"node": {"name": "Emping Melinjo Original", "isHalal": True}}]
    Seller.objects.filter(pk=seller.pk).update(
        halal_certificate_expires=timezone.localdate() - datetime.timedelta(days=1))
    assert GraphQLClient()(query)["products"]["edges"] == []
    plain = GraphQLClient()('{ products(cooperative: "koperasi-a", first: 5) { edges { node {'
                            " isHalal } } } }")["products"]["edges"]
    assert plain == [{"node": {"isHalal": False}}]


def test_a_food_product_cannot_be_added_on_an_expired_permit(gql, seller):
    Seller.objects.filter(pk=seller.pk).update(
        food_permit_expires=timezone.localdate() - datetime.timedelta(days=1))
    data = gql.login(seller.owner)("""mutation($id: ID!) { productCreate(id: $id, input: {
        name: "Keripik Baru", isFood: true}) { errors { field code } } }""",
                                   {"id": to_global_id("Seller", seller.pk)})
    assert data["productCreate"]["errors"] == [{"field": "isFood",
                                                "code": "FOOD_PERMIT_REQUIRED"}]


def test_the_check_runs_daily_on_celery_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["catalog-permits"]
    assert entry["task"] == "catalog.tasks.check_permits"
    from backend.celery import app

    app.loader.import_default_modules()
    assert "catalog.tasks.check_permits" in app.tasks
