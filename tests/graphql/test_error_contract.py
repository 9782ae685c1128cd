"""The error contract as clients see it: a refused mutation answers its payload with coded
errors, and no internals (database errors, Python exceptions) reach a client."""

import pytest
from graphql_relay import to_global_id

from backend.accounts.permissions import Role
from tests.conftest import make_staff
from tests.graphql.builders import place_order, stocked_store

pytestmark = pytest.mark.django_db

NUL = "\x00"


@pytest.mark.parametrize(("mutation", "arguments"), [
    ("supplierFeedPull", 'id: "%s"' % to_global_id("Supplier", 999999)),
    ("reorderRuleSet", 'variant: "%s", location: "%s"' % (
        to_global_id("ProductVariant", 999999), to_global_id("Location", 999999))),
    ("productMediaDelete", 'id: "%s"' % to_global_id("ProductMedia", 999999)),
    ("sellerPermitsConfirm", 'id: "%s"' % to_global_id("Seller", 999999)),
    ("memberDataDeletionRequest", 'cooperative: "koperasi-a"'),
])
def test_a_refused_mutation_answers_its_payload_with_errors(gql, manager_a, mutation,
                                                             arguments):
    # These five had a required field beside `errors`: a refusal nulled the whole payload.
    payload = gql.login(manager_a)(
        "mutation { %s(%s) { errors { field code message } } }" % (mutation, arguments))[mutation]
    assert payload["errors"], payload
    assert payload["errors"][0]["code"] == "NOT_FOUND"
    assert payload["errors"][0]["message"]


def test_no_mutation_payload_has_a_required_field_beside_errors():
    from graphql import GraphQLNonNull

    from backend.graphql.schema import schema

    for name, field in schema.graphql_schema.mutation_type.fields.items():
        payload = field.type
        required = [f for f, spec in payload.fields.items()
                    if f != "errors" and isinstance(spec.type, GraphQLNonNull)]
        assert not required, f"{name} would null its payload on a refusal: {required}"


def test_a_nul_character_in_a_slug_or_email_is_a_coded_error(gql, operator):
    # PostgreSQL cannot store \x00: the request is refused before anything runs, with a code.
    created = gql.login(operator).post("""mutation($slug: String!) {
        cooperativeCreate(input: {name: "Koperasi Nol", slug: $slug}) {
            cooperative { id } errors { field code message } } }""", {"slug": f"nol{NUL}"})
    registered = gql.post("""mutation($email: String!) { accountRegister(input: {email: $email,
        password: "Sandi-Rahasia-2026"}) { user { id } errors { code } } }""",
                          {"email": f"siti{NUL}@example.test"}, HTTP_ACCEPT_LANGUAGE="id")
    for body in (created, registered):
        assert body["errors"][0]["extensions"] == {"code": "INVALID_CHARACTER"}
        assert "NUL" in body["errors"][0]["message"]
    from backend.cooperatives.models import Cooperative

    assert not Cooperative.objects.filter(name="Koperasi Nol").exists()


def test_a_nul_character_in_a_query_argument_is_a_coded_error(gql, coop_a):
    body = gql.post('query($slug: String!) { product(cooperative: "koperasi-a", slug: $slug) '
                    "{ name } }", {"slug": f"emping{NUL}"})
    assert body["errors"][0]["extensions"] == {"code": "INVALID_CHARACTER"}


def test_deleting_a_product_that_has_orders_says_why(gql, coop_a, published, seller):
    variant = published.variants.get()
    stocked_store(coop_a, [variant])
    place_order(coop_a, {variant: 1})
    manager = make_staff(coop_a, Role.MANAGER)
    deleted = gql.login(manager)('mutation { productDelete(id: "%s") { deletedId '
                                 "errors { field code message } } }"
                                 % to_global_id("Product", published.pk),
                                 HTTP_ACCEPT_LANGUAGE="en")["productDelete"]
    assert deleted["deletedId"] is None
    assert deleted["errors"][0]["code"] == "IN_USE"
    assert deleted["errors"][0]["message"] == (
        "This product is in orders or purchase orders, which keep it on record, so it cannot "
        "be deleted.")
    assert published.__class__.objects.filter(pk=published.pk).exists()


def test_a_validation_error_outside_a_mutation_reads_as_its_message(gql, manager_a):
    body = gql.login(manager_a).post(
        '{ stocks(cooperative: "koperasi-a", first: 5, location: "bad-id") { totalCount } }')
    error = body["errors"][0]
    assert error["extensions"]["code"] == "INVALID"
    assert "{" not in error["message"] and "[" not in error["message"]


def test_an_explicit_null_for_an_argument_with_a_default_is_refused_clearly(gql, coop_a):
    body = gql.post('{ searchSuggestions(cooperative: "koperasi-a", query: "em", first: null) '
                    "{ text } }")
    assert body["errors"][0]["message"] == "Expected value of type 'Int!', found null."
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


def test_every_argument_with_a_default_refuses_null():
    # `first: null` reached the resolver as None and failed there (a TypeError shown to the
    # client); an argument with a default is non-null, so GraphQL refuses null itself.
    from graphql import GraphQLInputObjectType, GraphQLNonNull, Undefined

    from backend.graphql.schema import schema

    nullable = []
    for type_ in schema.graphql_schema.type_map.values():
        if type_.name.startswith("__") or not hasattr(type_, "fields"):
            continue
        if isinstance(type_, GraphQLInputObjectType):
            specs = {(type_.name, name): f for name, f in type_.fields.items()}
        else:
            specs = {(type_.name, f"{field}.{arg}"): a for field, spec in type_.fields.items()
                     for arg, a in spec.args.items()}
        nullable += [key for key, spec in specs.items()
                     if spec.default_value not in (Undefined, None)
                     and not isinstance(spec.type, GraphQLNonNull)]
    assert not nullable


def test_a_refused_mutation_undoes_only_itself_not_the_others_in_the_document(gql, operator):
    from backend.cooperatives.models import Cooperative

    done = gql.login(operator)("""mutation {
        good: cooperativeCreate(input: {name: "Koperasi Baik", slug: "koperasi-baik"}) {
            cooperative { slug } errors { code } }
        bad: cooperativeCreate(input: {name: "", slug: "koperasi-buruk"}) {
            cooperative { slug } errors { field code } } }""")
    assert done["good"] == {"cooperative": {"slug": "koperasi-baik"}, "errors": []}
    assert done["bad"]["errors"][0]["code"] == "REQUIRED"
    assert sorted(Cooperative.objects.values_list("slug", flat=True)) == ["koperasi-baik"]
