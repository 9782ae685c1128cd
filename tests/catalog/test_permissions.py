"""Who may do what in the catalog: seller, another seller, catalog staff, another
cooperative's manager, a shopper, and nobody signed in."""

import pytest
from graphql_relay import to_global_id

from catalog.models import Product, ProductStatus, Seller
from tests.conftest import GraphQLClient, make_user
from tests.fixtures_catalog import image_file

pytestmark = pytest.mark.django_db

ALLOWED, DENIED = True, False


def operations(seller: Seller, product: Product):
    seller_id = to_global_id("Seller", seller.pk)
    product_id = to_global_id("Product", product.pk)
    variant_id = to_global_id("ProductVariant", product.variants.get().pk)
    return {
        "productCreate": 'mutation { productCreate(id: "%s", input: {name: "Baru"}) '
                         "{ errors { code } } }" % seller_id,
        "productUpdate": 'mutation { productUpdate(id: "%s", input: {isHalal: false}) '
                         "{ errors { code } } }" % product_id,
        "productVariantCreate": 'mutation { productVariantCreate(id: "%s", input: {sku: "X1", '
                                "price: 1000}) { errors { code } } }" % product_id,
        "productVariantUpdate": 'mutation { productVariantUpdate(id: "%s", input: '
                                "{price: 26000}) { errors { code } } }" % variant_id,
        "productSubmit": 'mutation { productSubmit(id: "%s") { errors { code } } }' % product_id,
        "sellerUpdate": 'mutation { sellerUpdate(id: "%s", input: {story: "Sejak 1998"}) '
                        "{ errors { code } } }" % seller_id,
        "productApprove": 'mutation { productApprove(id: "%s") { errors { code } } }'
                          % product_id,
        "productReject": 'mutation { productReject(id: "%s", reason: "Tidak") '
                         "{ errors { code } } }" % product_id,
        "sellerSuspend": 'mutation { sellerSuspend(id: "%s", reason: "Tidak") '
                         "{ errors { code } } }" % seller_id,
        "categoryCreate": 'mutation { categoryCreate(cooperative: "koperasi-a", name: "Baru") '
                          "{ errors { code } } }",
        "productDelete": 'mutation { productDelete(id: "%s") { errors { code } } }' % product_id,
        "productMediaReorder": 'mutation { productMediaReorder(id: "%s", mediaIds: []) '
                               "{ errors { code } } }" % product_id,
        "categoryUpdate": 'mutation { categoryUpdate(id: "%s", name: "X") { errors { code } } }'
                          % to_global_id("Category", product.category_id),
        "categoryDelete": 'mutation { categoryDelete(id: "%s") { errors { code } } }'
                          % to_global_id("Category", product.category_id),
        "productTypeSave": 'mutation { productTypeSave(cooperative: "koperasi-a", name: "Kopi") '
                           "{ errors { code } } }",
        "productExport": 'mutation { productExport(seller: "%s") { errors { code } } }'
                         % seller_id,
        "productExport all sellers": 'mutation { productExport(cooperative: "koperasi-a") '
                                     "{ errors { code } } }",
        "sellerApprove": 'mutation { sellerApprove(id: "%s") { errors { code } } }' % seller_id,
    }


#             seller, other seller, catalog staff, manager of B, shopper, anonymous
MATRIX = {
    "productCreate": (ALLOWED, DENIED, ALLOWED, DENIED, DENIED, DENIED),
    "productUpdate": (ALLOWED, DENIED, ALLOWED, DENIED, DENIED, DENIED),
    "productVariantCreate": (ALLOWED, DENIED, ALLOWED, DENIED, DENIED, DENIED),
    "productVariantUpdate": (ALLOWED, DENIED, ALLOWED, DENIED, DENIED, DENIED),
    "productSubmit": (ALLOWED, DENIED, ALLOWED, DENIED, DENIED, DENIED),
    "sellerUpdate": (ALLOWED, DENIED, DENIED, DENIED, DENIED, DENIED),
    "productApprove": (DENIED, DENIED, ALLOWED, DENIED, DENIED, DENIED),
    "productReject": (DENIED, DENIED, ALLOWED, DENIED, DENIED, DENIED),
    "sellerSuspend": (DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    "categoryCreate": (DENIED, DENIED, ALLOWED, DENIED, DENIED, DENIED),
    "productDelete": (ALLOWED, DENIED, ALLOWED, DENIED, DENIED, DENIED),
    "productMediaReorder": (ALLOWED, DENIED, ALLOWED, DENIED, DENIED, DENIED),
    "categoryUpdate": (DENIED, DENIED, ALLOWED, DENIED, DENIED, DENIED),
    "categoryDelete": (DENIED, DENIED, ALLOWED, DENIED, DENIED, DENIED),
    "productTypeSave": (DENIED, DENIED, ALLOWED, DENIED, DENIED, DENIED),
    "productExport": (ALLOWED, DENIED, ALLOWED, DENIED, DENIED, DENIED),
    "productExport all sellers": (DENIED, DENIED, ALLOWED, DENIED, DENIED, DENIED),
    "sellerApprove": (DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
}
ACTORS = ("seller", "other_seller", "catalog_staff", "manager_of_b", "shopper", "anonymous")


@pytest.mark.parametrize("operation", list(MATRIX))
@pytest.mark.parametrize("actor_index", range(len(ACTORS)), ids=ACTORS)
def test_catalog_permission_matrix(operation, actor_index, seller, other_seller,
                                   catalog_staff_a, manager_b, published):
    Product.objects.filter(pk=published.pk).update(status=ProductStatus.IN_REVIEW)
    users = (seller.owner, other_seller.owner, catalog_staff_a, manager_b,
             make_user(email="pembeli@example.test"), None)
    client = GraphQLClient()
    if users[actor_index] is not None:
        client.login(users[actor_index])
    body = client.post(operations(seller, published)[operation])
    error = (body.get("errors") or [{}])[0].get("extensions", {}).get("code")
    payload = next(iter((body.get("data") or {}).values()), None) or {}
    # A product in review is hidden from those who may not act on it: for them its ID names
    # nothing (NOT_FOUND in `errors`, as for a missing one).
    hidden = [e["code"] for e in payload.get("errors") or []] == ["NOT_FOUND"]
    expected = MATRIX[operation][actor_index]
    if expected is ALLOWED:
        assert error is None and not hidden, body
    else:
        assert error in {"PERMISSION_DENIED", "AUTHENTICATION_REQUIRED"} or hidden, body


def test_manager_of_another_cooperative_sees_none_of_its_catalog(gql, manager_b, published,
                                                                 seller):
    gql.login(manager_b)
    Product.objects.filter(pk=published.pk).update(status=ProductStatus.DRAFT)
    listing = gql('{ products(cooperative: "koperasi-a", first: 10, filter: {statuses: '
                  "[DRAFT]}) { totalCount } }")
    assert listing["products"]["totalCount"] == 0
    body = gql.post('{ seller(id: "%s") { phone } }' % to_global_id("Seller", seller.pk))
    assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


def test_photo_upload_by_someone_else_is_refused(gql, other_seller, published, settings,
                                                 tmp_path):
    settings.MEDIA_ROOT = tmp_path
    gql.login(other_seller.owner)
    import json

    from django.test import Client

    response = Client().post("/graphql/", {
        "operations": json.dumps({"query": 'mutation($f: Upload!) { productMediaCreate(id: "%s",'
                                           ' image: $f) { errors { code } } }'
                                  % to_global_id("Product", published.pk),
                                  "variables": {"f": None}}),
        "map": json.dumps({"0": ["variables.f"]}), "0": image_file()},
        HTTP_AUTHORIZATION=f"Bearer {gql.token}")
    assert response.json()["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    assert published.media.count() == 0
