"""Sellers and products go through the cooperative's review; shoppers see only approved."""

import pytest
from graphql_relay import to_global_id

from catalog.models import ModerationEvent, Product, Seller
from tests.conftest import GraphQLClient, make_user

pytestmark = pytest.mark.django_db

LIST = """{ products(cooperative: "koperasi-a", first: 20) { totalCount edges { node {
    name description category { name } priceRange { start { amount formatted } } } } } }"""


def shopper_names(gql=None):
    data = GraphQLClient()(LIST)
    return [e["node"]["name"] for e in data["products"]["edges"]]


def gid(obj):
    return to_global_id({Seller: "Seller", Product: "Product"}[type(obj)], obj.pk)


REGISTER = """mutation { sellerRegister(cooperative: "koperasi-a", input: {
    businessName: "Kopi Robusta Gunung Karang", ownerName: "Haji Endang", phone: "0878-1234-5678",
    nib: "9120001234567", city: "Kabupaten Pandeglang", province: "Banten",
    foodPermitKind: PIRT, foodPermitNumber: "2073601010234-26"}) {
    seller { id slug status } errors { field code } } }"""


def test_a_registered_seller_waits_for_approval_and_a_rejection_says_why(gql, manager_a):
    owner = make_user(email="endang@example.test")
    registered = gql.login(owner)(REGISTER)["sellerRegister"]
    assert registered["errors"] == []
    assert registered["seller"]["status"] == "PENDING"
    seller_id = registered["seller"]["id"]
    public = GraphQLClient()('{ sellers(cooperative: "koperasi-a", first: 10) { totalCount } }')
    assert public["sellers"]["totalCount"] == 0

    no_reason = gql.login(manager_a)('mutation { sellerReject(id: "%s", reason: " ") '
                                     "{ errors { field code } } }" % seller_id)
    assert no_reason["sellerReject"]["errors"] == [{"field": "reason", "code": "REQUIRED"}]
    gql('mutation { sellerReject(id: "%s", reason: "Foto KTP belum jelas") '
        "{ errors { code } } }" % seller_id)
    seen_by_owner = gql.login(owner)('{ seller(id: "%s") { status statusReason phone } }'
                                     % seller_id)["seller"]
    assert seen_by_owner == {"status": "REJECTED", "statusReason": "Foto KTP belum jelas",
                             "phone": "+6287812345678"}
    actions = list(ModerationEvent.objects.order_by("pk").values_list("action", "actor__email"))
    assert actions == [("seller_registered", "endang@example.test"),
                       ("seller_rejected", manager_a.email)]


def test_seller_private_details_are_hidden_from_other_people(gql, seller, other_seller):
    query = '{ seller(id: "%s") { businessName bankAccountNumber } }' % gid(seller)
    body = gql.login(other_seller.owner).post(query)
    assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    assert gql.login(seller.owner)(query)["seller"]["bankAccountNumber"] == "1234567890"
    public = GraphQLClient()('{ seller(id: "%s") { businessName } }' % gid(seller))
    assert public["seller"]["businessName"] == "Emping Bu Yati"


def test_draft_is_reviewed_before_shoppers_see_it(gql, seller, manager_a, category_a):
    gql.login(seller.owner)
    created = gql("""mutation($seller: ID!, $category: ID!, $description: String!) {
        productCreate(id: $seller, input: {name: "Keripik Singkong Balado",
        description: $description, category: $category, isFood: true},
        variants: [{sku: "ksb-100", price: 12500, weightGrams: 100}]) {
        product { id status description variants { sku price { formatted } } }
        errors { field code } } }""", {
        "seller": gid(seller), "category": to_global_id("Category", category_a.pk),
        "description": "<p>Pedas <script>alert(1)</script><b onclick='steal()'>gurih</b></p>"})
    product = created["productCreate"]["product"]
    assert product["status"] == "DRAFT"
    assert product["description"] == "<p>Pedas <b>gurih</b></p>"
    assert product["variants"] == [{"sku": "KSB-100", "price": {"formatted": "Rp12.500"}}]
    assert shopper_names() == []

    submitted = gql('mutation { productSubmit(id: "%s") { product { status } errors { code } } }'
                    % product["id"])
    assert submitted["productSubmit"]["product"]["status"] == "IN_REVIEW"
    assert shopper_names() == []
    approved = gql.login(manager_a)('mutation { productApprove(id: "%s") { product { status } '
                                    "errors { code } } }" % product["id"])
    assert approved["productApprove"]["product"]["status"] == "PUBLISHED"
    assert shopper_names() == ["Keripik Singkong Balado"]


def test_a_rejected_product_carries_the_reason_and_can_be_fixed_and_resubmitted(
        gql, seller, manager_a, published):
    Product.objects.filter(pk=published.pk).update(status="in_review")
    gql.login(manager_a)('mutation { productReject(id: "%s", reason: "Foto buram") '
                         "{ errors { code } } }" % gid(published))
    gql.login(seller.owner)
    mine = gql('{ product(id: "%s") { status rejectionReason } }' % gid(published))["product"]
    assert mine == {"status": "REJECTED", "rejectionReason": "Foto buram"}
    gql('mutation { productUpdate(id: "%s", input: {name: "Emping Melinjo Asli"}) '
        "{ errors { code } } }" % gid(published))
    again = gql('mutation { productSubmit(id: "%s") { product { status rejectionReason } } }'
                % gid(published))["productSubmit"]["product"]
    assert again == {"status": "IN_REVIEW", "rejectionReason": ""}


def test_edits_to_a_published_product_wait_for_review_while_shoppers_keep_the_approved_one(
        gql, seller, manager_a, published, coop_a):
    from catalog.services.categories import category_create

    drinks = category_create(coop_a, name="Minuman")
    gql.login(seller.owner)
    edit = gql("""mutation($id: ID!, $category: ID!) { productUpdate(id: $id, input: {
        name: "Emping Melinjo Pedas Manis", description: "<p>Baru!</p>", category: $category}) {
        product { name pendingRevision { name description category { name } status } }
        errors { code } } }""", {"id": gid(published),
                                 "category": to_global_id("Category", drinks.pk)})
    seen_by_seller = edit["productUpdate"]["product"]
    assert seen_by_seller["name"] == "Emping Melinjo Original"
    assert seen_by_seller["pendingRevision"] == {
        "name": "Emping Melinjo Pedas Manis", "description": "<p>Baru!</p>",
        "category": {"name": "Minuman"}, "status": "draft"}
    # A price change needs no review.
    variant_id = to_global_id("ProductVariant", published.variants.get().pk)
    gql('mutation { productVariantUpdate(id: "%s", input: {price: 27000}) { errors { code } } }'
        % variant_id)

    shopper = GraphQLClient()(LIST)["products"]["edges"][0]["node"]
    assert shopper == {"name": "Emping Melinjo Original", "description": "<p>Renyah</p>",
                       "category": {"name": "Makanan Ringan"},
                       "priceRange": {"start": {"amount": 27000.0, "formatted": "Rp27.000"}}}
    gql('mutation { productSubmit(id: "%s") { errors { code } } }' % gid(published))
    still = GraphQLClient()(LIST)["products"]["edges"][0]["node"]
    assert still["name"] == "Emping Melinjo Original"
    assert GraphQLClient().post('{ product(id: "%s") { pendingRevision { name } } }'
                                % gid(published))["data"]["product"]["pendingRevision"] is None

    gql.login(manager_a)('mutation { productApprove(id: "%s") { errors { code } } }'
                         % gid(published))
    shopper = GraphQLClient()(LIST)["products"]["edges"][0]["node"]
    assert shopper["name"] == "Emping Melinjo Pedas Manis"
    assert shopper["category"] == {"name": "Minuman"}
    history = gql('{ product(id: "%s") { moderationHistory { action actorName changes } } }'
                  % gid(published))["product"]["moderationHistory"]
    assert [h["action"] for h in history] == ["product_approved", "product_submitted"]
    assert history[1]["actorName"] == "Yati Suryati"
    assert GraphQLClient().post('{ product(id: "%s") { moderationHistory { action } } }'
                                % gid(published))["errors"][0]["extensions"]["code"] == (
        "PERMISSION_DENIED")
    event = ModerationEvent.objects.filter(action="product_approved").get()
    assert event.actor == manager_a
    assert event.changes["name"] == {"before": "Emping Melinjo Original",
                                     "after": "Emping Melinjo Pedas Manis"}


def test_suspending_a_seller_hides_its_products_at_once(gql, seller, manager_a, published):
    assert shopper_names() == ["Emping Melinjo Original"]
    gql.login(manager_a)('mutation { sellerSuspend(id: "%s", reason: "Izin P-IRT dicabut") '
                         "{ seller { status } errors { code } } }" % gid(seller))
    assert shopper_names() == []
    assert GraphQLClient()('{ product(id: "%s") { name } }' % gid(published))["product"] is None


def test_halal_flag_needs_the_sellers_certificate(gql, other_seller):
    data = gql.login(other_seller.owner)("""mutation($id: ID!) { productCreate(id: $id,
        input: {name: "Kerupuk Kulit", isHalal: true, isFood: true}) {
        product { id } errors { field code } } }""", {"id": gid(other_seller)})
    codes = {(e["field"], e["code"]) for e in data["productCreate"]["errors"]}
    assert codes == {("isHalal", "HALAL_CERTIFICATE_REQUIRED"),
                     ("isFood", "FOOD_PERMIT_REQUIRED")}
    assert Product.objects.count() == 0


def test_duplicate_sku_in_the_cooperative_is_refused(gql, seller, other_seller, published):
    data = gql.login(other_seller.owner)("""mutation($id: ID!) { productCreate(id: $id,
        input: {name: "Keripik Pisang"}, variants: [{sku: "emp-250", price: 10000}]) {
        product { id } errors { field code } } }""", {"id": gid(other_seller)})
    assert data["productCreate"]["errors"] == [{"field": "sku", "code": "UNIQUE"}]
    assert Product.objects.count() == 1


def test_a_seller_cannot_remove_a_shown_photo_by_deleting_it_twice(gql, seller, published,
                                                                   settings, tmp_path):
    from catalog.models import ProductMedia
    from catalog.services.media import product_media_create
    from tests.fixtures_catalog import image_file

    settings.MEDIA_ROOT = tmp_path
    media = product_media_create(published, None, image_file())  # shown (made by staff)
    ProductMedia.objects.filter(pk=media.pk).update(review="live")
    query = 'mutation { productMediaDelete(id: "%s") { removalInReview errors { code } } }' % (
        to_global_id("ProductMedia", media.pk))
    gql.login(seller.owner)
    assert gql(query)["productMediaDelete"]["removalInReview"] is True
    assert gql(query)["productMediaDelete"]["removalInReview"] is True
    assert ProductMedia.objects.filter(pk=media.pk, review="pending_remove").exists()


def test_an_edit_during_review_sends_the_product_back_to_draft(gql, seller, manager_a,
                                                               published):
    Product.objects.filter(pk=published.pk).update(status="in_review")
    gql.login(seller.owner)('mutation { productUpdate(id: "%s", input: {name: "Ganti Diam-diam"}) '
                            "{ errors { code } } }" % gid(published))
    approve = gql.login(manager_a)('mutation { productApprove(id: "%s") { errors { code } } }'
                                   % gid(published))
    assert approve["productApprove"]["errors"] == [{"code": "INVALID_STATUS"}]
    assert Product.objects.get(pk=published.pk).status == "draft"


def test_deleting_a_product_keeps_its_moderation_history(gql, seller, manager_a, published):
    from catalog.services.moderation import product_approve

    Product.objects.filter(pk=published.pk).update(status="in_review")
    product_approve(published, manager_a)
    gql.login(seller.owner)('mutation { productDelete(id: "%s") { errors { code } } }'
                            % gid(published))
    assert ModerationEvent.objects.filter(action="product_approved", product=None).exists()
