"""Cooperative B's data is out of reach of cooperative A's people, through every operation."""

import pytest
from graphql_relay import to_global_id

from backend.accounts.models import StaffMembership
from backend.cooperatives.models import Cooperative
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db


def denied(body) -> bool:
    return body.get("errors") and body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


def refused(body) -> bool:
    """Denied, or answered as if the object did not exist (another cooperative's staff)."""
    payload = next(iter((body.get("data") or {}).values()), None) or {}
    return denied(body) or [e["code"] for e in payload.get("errors") or []] == ["NOT_FOUND"]


def cross_tenant_operations(coop_b: Cooperative, b_staff: StaffMembership):
    coop_id = to_global_id("Cooperative", coop_b.pk)
    staff_id = to_global_id("StaffMember", b_staff.pk)
    return {
        "cooperativeUpdate": (
            'mutation { cooperativeUpdate(id: "%s", input: {name: "Direbut"}) '
            "{ cooperative { name } errors { code } } }" % coop_id),
        "staffMemberAdd by slug": (
            'mutation { staffMemberAdd(cooperative: "koperasi-b", input: {login: '
            '"penyusup@example.test", role: MANAGER}) { staffMember { id } errors { code } } }'),
        "staffMemberUpdate": (
            'mutation { staffMemberUpdate(id: "%s", role: CASHIER) '
            "{ staffMember { role } errors { code } } }" % staff_id),
        "staffMemberRemove": (
            'mutation { staffMemberRemove(id: "%s") { removedId errors { code } } }' % staff_id),
        "hostNames": '{ cooperative(slug: "koperasi-b") { hostNames } }',
        "defaultCommissionPercent":
            '{ cooperative(slug: "koperasi-b") { defaultCommissionPercent } }',
        "cooperatives": "{ cooperatives(first: 10) { edges { node { slug } } } }",
    }


def snapshot(coop_b):
    coop_b.refresh_from_db()
    return (coop_b.name, sorted(StaffMembership.objects.filter(cooperative=coop_b)
                                .values_list("user__email", "role")))


@pytest.mark.parametrize("operation", [
    "cooperativeUpdate", "staffMemberAdd by slug", "staffMemberUpdate", "staffMemberRemove",
    "hostNames", "defaultCommissionPercent", "cooperatives"])
def test_manager_of_a_cannot_read_or_change_b(gql, manager_a, coop_b, manager_b, operation):
    b_cashier = StaffMembership.objects.get(user=make_staff(coop_b, "cashier"))
    before = snapshot(coop_b)
    query = cross_tenant_operations(coop_b, b_cashier)[operation]
    # Whichever way A's manager names cooperative B: slug, ID, header or host name.
    for headers in ({}, {"HTTP_X_COOPERATIVE": "koperasi-b"}, {"HTTP_HOST": "b.example.test"}):
        body = gql.login(manager_a).post(query, **headers)
        assert refused(body), (operation, body)
    assert snapshot(coop_b) == before


def test_manager_of_a_sees_no_staff_of_b(gql, manager_a, manager_b, coop_b):
    data = gql.login(manager_a)('{ cooperative(slug: "koperasi-b") { name staffMembers(first: 10)'
                                " { totalCount edges { node { user { email } } } } } }")
    assert data["cooperative"]["name"] == "Koperasi B"  # public profile stays public
    assert data["cooperative"]["staffMembers"] == {"totalCount": 0, "edges": []}


def test_manager_of_b_sees_and_changes_b(gql, manager_b, coop_b):
    gql.login(manager_b)
    data = gql('{ cooperative(slug: "koperasi-b") { hostNames staffMembers(first: 10) '
               "{ edges { node { role user { email } } } } } }")
    assert data["cooperative"]["hostNames"] == ["b.example.test"]
    assert data["cooperative"]["staffMembers"]["edges"][0]["node"]["user"]["email"] == (
        "manager-koperasi-b@example.test")
    result = gql('mutation { cooperativeUpdate(id: "%s", input: {name: "Koperasi Baru", '
                 'memberPricingEnabled: false}) { cooperative { name memberPricingEnabled } '
                 "errors { code } } }" % to_global_id("Cooperative", coop_b.pk))
    assert result["cooperativeUpdate"] == {
        "cooperative": {"name": "Koperasi Baru", "memberPricingEnabled": False}, "errors": []}


@pytest.mark.parametrize("role", ["staff", "cashier"])
def test_staff_below_manager_cannot_change_the_cooperative_or_its_staff(gql, coop_a, role):
    user = make_staff(coop_a, role)
    gql.login(user)
    body = gql.post('mutation { cooperativeUpdate(id: "%s", input: {name: "X"}) '
                    "{ errors { code } } }" % to_global_id("Cooperative", coop_a.pk))
    assert denied(body)
    body = gql.post('mutation { staffMemberAdd(cooperative: "koperasi-a", input: {login: '
                    '"x@example.test", role: MANAGER}) { errors { code } } }')
    assert denied(body)


def test_a_cashier_sees_only_their_own_role(gql, coop_a, manager_a):
    cashier = make_staff(coop_a, "cashier")
    data = gql.login(cashier)('{ cooperative(slug: "koperasi-a") { viewerRole '
                              "staffMembers(first: 10) { edges { node { role } } } } }")
    assert data["cooperative"]["viewerRole"] == "cashier"
    assert [e["node"]["role"] for e in data["cooperative"]["staffMembers"]["edges"]] == [
        "CASHIER"]


def test_slug_and_host_names_are_the_operators_to_change(gql, manager_a, coop_a, operator):
    query = ('mutation { cooperativeUpdate(id: "%s", input: {slug: "baru", hostNames: '
             '["attacker.example"]}) { cooperative { slug hostNames } errors { field code } } }'
             % to_global_id("Cooperative", coop_a.pk))
    errors = gql.login(manager_a)(query)["cooperativeUpdate"]["errors"]
    assert sorted((e["field"], e["code"]) for e in errors) == [
        ("hostNames", "OPERATOR_ONLY"), ("slug", "OPERATOR_ONLY")]
    coop_a.refresh_from_db()
    assert coop_a.host_names == ["a.example.test"]
    assert gql.login(operator)(query)["cooperativeUpdate"]["cooperative"] == {
        "slug": "baru", "hostNames": ["attacker.example"]}


def test_only_the_operator_creates_cooperatives(gql, manager_a, operator):
    create = """mutation { cooperativeCreate(input: {name: "Koperasi Serba Usaha Tani Makmur",
        cooperativeType: SERBA_USAHA, city: "Kabupaten Garut", province: "Jawa Barat",
        hostNames: ["Tani-Makmur.example.test"]}) {
        cooperative { slug cooperativeType timeZone hostNames } errors { field code } } }"""
    assert denied(gql.login(manager_a).post(create))
    anonymous = gql.__class__().post(create)
    assert anonymous["errors"][0]["extensions"]["code"] == "AUTHENTICATION_REQUIRED"
    created = gql.login(operator)(create)["cooperativeCreate"]
    assert created == {"cooperative": {
        "slug": "koperasi-serba-usaha-tani-makmur", "cooperativeType": "SERBA_USAHA",
        "timeZone": "Asia/Jakarta", "hostNames": ["tani-makmur.example.test"]}, "errors": []}
    again = gql(create)["cooperativeCreate"]
    assert {(e["field"], e["code"]) for e in again["errors"]} == {
        ("slug", "UNIQUE"), ("hostNames", "UNIQUE")}


def test_current_cooperative_comes_from_host_header_or_argument(gql, coop_a, coop_b):
    query = "{ cooperative { slug } }"
    assert gql(query, HTTP_HOST="a.example.test")["cooperative"]["slug"] == "koperasi-a"
    assert gql(query, HTTP_HOST="B.Example.Test:8000")["cooperative"]["slug"] == "koperasi-b"
    assert gql(query, HTTP_X_COOPERATIVE="koperasi-b",
               HTTP_HOST="a.example.test")["cooperative"]["slug"] == "koperasi-b"
    assert gql('{ cooperative(slug: "koperasi-a") { slug } }',
               HTTP_X_COOPERATIVE="koperasi-b")["cooperative"]["slug"] == "koperasi-a"
    unknown = gql.post(query, HTTP_HOST="unknown.example.test")
    assert unknown["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_lookups_by_id_keep_to_the_cooperative_named(gql, published, category_a, coop_b):
    """`product(id:)` and `category(id:)` of cooperative A, asked about cooperative B (argument,
    header or host): nothing, as for an ID that names nothing; asked about A: found."""
    product_id = to_global_id("Product", published.pk)
    category_id = to_global_id("Category", category_a.pk)
    query = ('query($p: ID, $c: ID, $coop: String) { product(id: $p, cooperative: $coop) '
             "{ name } category(id: $c, cooperative: $coop) { name } }")
    ids = {"p": product_id, "c": category_id}
    for headers, coop in (({}, "koperasi-b"), ({"HTTP_X_COOPERATIVE": "koperasi-b"}, None),
                          ({"HTTP_HOST": "b.example.test"}, None)):
        assert gql(query, {**ids, "coop": coop}, **headers) == {"product": None,
                                                               "category": None}
    assert gql(query, {**ids, "coop": "koperasi-a"}) == {
        "product": {"name": "Emping Melinjo Original"}, "category": {"name": "Makanan Ringan"}}


def test_my_orders_are_those_of_the_cooperative_asked_about(gql, coop_a, coop_b, published):
    from inventory.models import Location
    from inventory.services import stock_receive
    from orders.services.checkout import (
        checkout_complete,
        checkout_create,
        checkout_lines_set,
    )
    from tests.conftest import make_user

    shopper = make_user(email="siti@example.test")
    variant = published.variants.get()
    stock_receive(variant, Location.objects.create(cooperative=coop_a, name="Toko",
                                                   code="toko"), 5)
    checkout = checkout_create(coop_a, shopper)
    checkout_lines_set(checkout, {variant.pk: 1})
    number = checkout_complete(checkout, shopper).number
    query = "query($coop: String) { myOrders(first: 5, cooperative: $coop) " \
            "{ edges { node { number } } } }"
    gql.login(shopper)

    def numbers(coop=None, **headers):
        return [e["node"]["number"] for e in gql(query, {"coop": coop}, **headers)[
            "myOrders"]["edges"]]

    assert numbers("koperasi-a") == numbers(HTTP_HOST="a.example.test") == [number]
    assert numbers("koperasi-b") == numbers(HTTP_HOST="b.example.test") == []
    assert numbers() == [number]  # no cooperative named: all of the shopper's orders
