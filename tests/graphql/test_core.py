"""The GraphQL contract every domain builds on: error shape, paging, limits, query counts."""

import pytest

from tests.conftest import make_cooperative, make_staff

pytestmark = pytest.mark.django_db


def test_validation_problem_is_an_error_entry_not_an_exception(gql, operator):
    gql.login(operator)
    data = gql("""mutation { cooperativeCreate(input: {name: "  ", timeZone: "Mars/Olympus",
                  defaultCommissionPercent: "150"}) {
        cooperative { id } errors { field code message } } }""")
    payload = data["cooperativeCreate"]
    assert payload["cooperative"] is None
    by_field = {e["field"]: e for e in payload["errors"]}
    assert by_field["name"]["code"] == "REQUIRED"
    assert by_field["timeZone"]["code"] == "INVALID"
    assert by_field["defaultCommissionPercent"]["code"] == "INVALID"
    assert all(e["message"] for e in payload["errors"])


def test_error_messages_follow_the_language_asked_for(gql, operator):
    gql.login(operator)
    query = 'mutation { cooperativeCreate(input: {name: ""}) { errors { message } } }'
    indonesian = gql(query, HTTP_ACCEPT_LANGUAGE="id")["cooperativeCreate"]["errors"][0]
    english = gql(query, HTTP_ACCEPT_LANGUAGE="en")["cooperativeCreate"]["errors"][0]
    assert english["message"] == "Enter the cooperative's name."
    assert indonesian["message"] == "Masukkan nama koperasi."


def test_page_size_is_required_and_at_most_100(gql, operator):
    gql.login(operator)
    too_many = gql.post("{ cooperatives(first: 101) { edges { node { name } } } }")
    assert "exceeds the limit of 100" in too_many["errors"][0]["message"]
    missing = gql.post("{ cooperatives { edges { node { name } } } }")
    assert "You must provide a `first` or `last`" in missing["errors"][0]["message"]


def test_cursor_paging_walks_every_row_once(gql, operator):
    for i in range(5):
        make_cooperative(f"koperasi-{i}")
    gql.login(operator)
    seen, after = [], None
    while True:
        page = gql("""query($after: String) { cooperatives(first: 2, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } edges { node { slug } } } }""",
                   {"after": after})["cooperatives"]
        seen += [e["node"]["slug"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert page["totalCount"] == 5
    assert sorted(seen) == [f"koperasi-{i}" for i in range(5)]


def test_too_deep_query_is_rejected_before_running(gql, operator, django_assert_num_queries):
    deep = "{ me { staffMemberships { cooperative { staffMembers(first: 1) { edges { node {" \
           " cooperative { staffMembers(first: 1) { edges { node { cooperative {" \
           " staffMembers(first: 1) { edges { node { role } } } } } } } } } } } } } } }"
    body = gql.post(deep)
    assert body["errors"][0]["message"].startswith("'anonymous' exceeds maximum operation depth")
    assert "data" not in body or body["data"] is None


def test_too_costly_query_is_rejected_with_its_cost(gql, operator):
    fields = " ".join(f"f{i}: name" for i in range(300))
    costly = "{ cooperatives(first: 100) { edges { node { " + fields + " } } } }"
    body = gql.post(costly)
    error = body["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert error["extensions"]["cost"] > 25000


def test_cooperatives_listing_costs_the_same_queries_for_any_page_size(
        gql, operator, django_assert_num_queries):
    for i in range(12):
        coop = make_cooperative(f"koperasi-{i:02}")
        make_staff(coop, "manager")
        make_staff(coop, "cashier")
    gql.login(operator)
    query = """query($n: Int!) { cooperatives(first: $n) { totalCount edges { node {
        name slug city staffMembers(first: 10) { totalCount edges { node { role user { email } } } }
    } } } }"""
    # 1 user from the token, 1 count, 1 page of cooperatives, 1 staff page with users.
    with django_assert_num_queries(4):
        small = gql(query, {"n": 2})
    with django_assert_num_queries(4):
        large = gql(query, {"n": 12})
    assert len(small["cooperatives"]["edges"]) == 2
    nodes = large["cooperatives"]["edges"]
    assert len(nodes) == 12
    assert all(n["node"]["staffMembers"]["totalCount"] == 2 for n in nodes)


def test_each_mutation_in_a_document_stands_alone(gql, operator):
    from backend.cooperatives.models import Cooperative

    gql.login(operator)
    data = gql("""mutation {
      first: cooperativeCreate(input: {name: "Koperasi Satu"}) {
        cooperative { slug } errors { code } }
      second: cooperativeCreate(input: {name: ""}) { cooperative { slug } errors { code } }
    }""")
    assert data["first"] == {"cooperative": {"slug": "koperasi-satu"}, "errors": []}
    assert data["second"]["errors"] == [{"code": "REQUIRED"}]
    assert list(Cooperative.objects.values_list("slug", flat=True)) == ["koperasi-satu"]


def test_too_long_or_malformed_values_are_error_entries(gql, operator):
    gql.login(operator)
    data = gql("""mutation($name: String!) { cooperativeCreate(input: {name: $name,
        postalCode: "123456789", email: "bukan-email", defaultCommissionPercent: "NaN"}) {
        cooperative { id } errors { field code } } }""", {"name": "K" * 200})
    fields = {e["field"] for e in data["cooperativeCreate"]["errors"]}
    assert fields == {"name", "postalCode", "email", "defaultCommissionPercent"}
    assert data["cooperativeCreate"]["cooperative"] is None
