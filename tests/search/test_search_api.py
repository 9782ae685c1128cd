"""Search as shoppers and managers use it through the API (PostgreSQL backend)."""

import uuid

import pytest
from django.core.management import call_command
from django.db import connection

from catalog.models import Product, ProductStatus, Seller, SellerStatus
from catalog.services import categories, products, sellers
from inventory.services import location_upsert, stock_receive
from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

SEARCH = """query($q: String, $filter: ProductFilterInput, $sort: ProductSortInput,
                  $coop: String = "koperasi-a") {
  products(cooperative: $coop, first: 20, search: $q, filter: $filter, sortBy: $sort) {
    totalCount edges { node { slug name } }
    facets { categories { id name count } sellers { id name count }
             priceRanges { min { amount } max { amount } count } halal inStock } } }"""
SUGGEST = """query($q: String!, $coop: String = "koperasi-a") {
  searchSuggestions(cooperative: $coop, query: $q) { kind text slug } }"""


def _publish(seller, name, category=None, price=10000, sku=None, halal=False,
             description=""):
    product = products.product_create(
        seller, {"name": name, "category": category, "is_halal": halal,
                 "description": description},
        [{"sku": sku or f"SKU-{uuid.uuid4().hex[:8]}", "price": price,
          "weight_grams": 100}])
    Product.objects.filter(pk=product.pk).update(status=ProductStatus.PUBLISHED)
    return product


def _slugs(data):
    return [e["node"]["slug"] for e in data["products"]["edges"]]


@pytest.fixture
def shop(coop_a, seller, other_seller, category_a):
    keripik = categories.category_create(coop_a, name="Keripik", parent=category_a)
    kopi = categories.category_create(coop_a, name="Kopi")
    made = {
        "balado": _publish(seller, "Keripik Singkong Balado", keripik, 12500, halal=True),
        "pisang": _publish(other_seller, "Kripik Pisang Manis", keripik, 30000),
        "emping": _publish(seller, "Emping Melinjo Pedas", category_a, 27000, halal=True),
        "kopi": _publish(other_seller, "Kopi Robusta Bubuk", kopi, 80000,
                         description="<p>Kopi dari lereng gunung, digiling halus.</p>"),
    }
    return made


def test_search_ranks_finds_typos_and_counts_facets(shop, gql, seller, other_seller):
    data = gql(SEARCH, {"q": "kripik"})
    # In the name first; the coffee of the seller "Keripik Pak Ujang" after.
    found = _slugs(data)
    assert set(found[:2]) == {"keripik-singkong-balado", "kripik-pisang-manis"}
    assert found[2:] == ["kopi-robusta-bubuk"]
    facets = data["products"]["facets"]
    assert {(c["name"], c["count"]) for c in facets["categories"]} == {("Keripik", 2),
                                                                       ("Kopi", 1)}
    assert {(s["name"], s["count"]) for s in facets["sellers"]} == {
        ("Emping Bu Yati", 1), ("Keripik Pak Ujang", 2)}
    buckets = {(b["min"]["amount"], b["count"]) for b in facets["priceRanges"]}
    assert {(10000, 1), (25000, 1), (50000, 1), (0, 0)} <= buckets
    assert facets["halal"] == 1 and facets["inStock"] == 0
    # A facet's count is what filtering by it gives.
    seller_id = next(s["id"] for s in facets["sellers"] if s["name"] == "Emping Bu Yati")
    narrowed = gql(SEARCH, {"q": "kripik", "filter": {"seller": seller_id}})
    assert _slugs(narrowed) == ["keripik-singkong-balado"]
    assert narrowed["products"]["totalCount"] == 1
    priced = gql(SEARCH, {"q": "kripik", "filter": {"priceMin": 25000, "priceMax": 49999}})
    assert _slugs(priced) == ["kripik-pisang-manis"]
    category_id = next(c["id"] for c in facets["categories"] if c["name"] == "Keripik")
    assert gql(SEARCH, {"filter": {"category": category_id}})["products"]["totalCount"] == 2
    # typo, description, SKU
    # (the seller "Emping Bu Yati" also sells the balado: it comes second)
    assert _slugs(gql(SEARCH, {"q": "empng"})) == ["emping-melinjo-pedas",
                                                   "keripik-singkong-balado"]
    assert _slugs(gql(SEARCH, {"q": "digiling"})) == ["kopi-robusta-bubuk"]
    sku = shop["kopi"].variants.get().sku
    assert _slugs(gql(SEARCH, {"q": sku.lower()})) == ["kopi-robusta-bubuk"]
    # name beats category: "pedas" is in one name only
    assert _slugs(gql(SEARCH, {"q": "makanan ringan pedas"}))[0] == "emping-melinjo-pedas"


def test_in_stock_facet_and_sorts(shop, gql, coop_a):
    store = location_upsert(coop_a, "pusat", kind="store", name="Toko Pusat")
    stock = stock_receive(shop["pisang"].variants.get(), store, 5, reference="awal")
    data = gql(SEARCH, {"q": "keripik"})
    assert data["products"]["facets"]["inStock"] == 1
    assert _slugs(gql(SEARCH, {"q": "keripik", "filter": {"inStock": True}})) == [
        "kripik-pisang-manis"]
    cheap_first = gql(SEARCH, {"q": "keripik", "sort": {"field": "PRICE"}})
    assert _slugs(cheap_first) == ["keripik-singkong-balado", "kripik-pisang-manis",
                                   "kopi-robusta-bubuk"]
    newest = gql(SEARCH, {"sort": {"field": "NEWEST"}})
    assert _slugs(newest)[0] == "kopi-robusta-bubuk"
    # best-selling: read from order lines that were not cancelled
    from orders.models import Order, OrderLine, OrderStatus

    for status, quantity, product in (("paid", 3, shop["pisang"]), ("cancelled", 50,
                                                                     shop["emping"])):
        order = Order.objects.create(
            cooperative=coop_a, number=f"A-{status}", status=status,
            payment_method="pay_at_pickup", subtotal=1, total=1, checkout_token=uuid.uuid4())
        variant = product.variants.get()
        OrderLine.objects.create(
            cooperative=coop_a, order=order, variant=variant, stock=stock,
            seller=product.seller, product_name=product.name, sku=variant.sku,
            quantity=quantity, unit_price=1, regular_unit_price=1, line_total=1)
    assert OrderStatus.CANCELLED == "cancelled"
    best = _slugs(gql(SEARCH, {"sort": {"field": "BEST_SELLING"}}))
    assert best[0] == "kripik-pisang-manis"
    assert best[-1] != "emping-melinjo-pedas" or len(best) == 1
    worst_first = _slugs(gql(SEARCH, {"sort": {"field": "BEST_SELLING", "direction": "DESC"}}))
    assert worst_first[-1] == "kripik-pisang-manis"


def test_other_cooperatives_unpublished_and_suspended_never_show(shop, gql, seller, coop_b,
                                                                 manager_a):
    other = Seller.objects.create(
        cooperative=coop_b, business_name="Keripik Koperasi B", slug="keripik-b",
        owner_name="B", phone="+6281299990000", status=SellerStatus.APPROVED)
    _publish(other, "Keripik Singkong Koperasi B", sku="B-KRP")
    draft = products.product_create(seller, {"name": "Keripik Draf Rahasia"},
                                    [{"sku": "DRAFT-1", "price": 1000}])
    assert draft.status == ProductStatus.DRAFT
    found = _slugs(gql(SEARCH, {"q": "keripik"}))
    assert "keripik-singkong-koperasi-b" not in found and "keripik-draf-rahasia" not in found
    assert _slugs(gql(SEARCH, {"q": "keripik", "coop": "koperasi-b"})) == [
        "keripik-singkong-koperasi-b"]
    assert all(s["slug"] != "keripik-draf-rahasia" and "Koperasi B" not in s["text"]
               for s in gql(SUGGEST, {"q": "kerip"})["searchSuggestions"])
    sellers.seller_suspend(seller, manager_a, "Izin usaha dicabut")
    found = _slugs(gql(SEARCH, {"q": "keripik"}))
    assert found == ["kripik-pisang-manis", "kopi-robusta-bubuk"]
    assert gql(SEARCH, {"q": "emping"})["products"]["totalCount"] == 0
    assert [s["text"] for s in gql(SUGGEST, {"q": "empi"})["searchSuggestions"]] == []
    # catalog staff see drafts with `statuses`, and search them too
    manager = GraphQLClient().login(manager_a)
    staff_view = manager(SEARCH, {"q": "rahasia", "filter": {"statuses": ["DRAFT"]}})
    assert _slugs(staff_view) == ["keripik-draf-rahasia"]


def test_suggestions_complete_words_as_typed(shop, gql):
    suggestions = gql(SUGGEST, {"q": "kerip"})["searchSuggestions"]
    assert suggestions[0] == {"kind": "CATEGORY", "text": "Keripik", "slug": "keripik"}
    assert [s["text"] for s in suggestions if s["kind"] == "PRODUCT"] == [
        "Keripik Singkong Balado"]
    assert [s["text"] for s in gql(SUGGEST, {"q": "singkong bal"})["searchSuggestions"]] == [
        "Keripik Singkong Balado"]
    assert [s["text"] for s in gql(SUGGEST, {"q": "Pisang"})["searchSuggestions"]] == [
        "Kripik Pisang Manis"]
    assert gql(SUGGEST, {"q": "  "})["searchSuggestions"] == []


ODD = ["'; DROP TABLE catalog_product; --", "keripik' OR '1'='1", '"kopi"', "kopi & | ! ( :*",
       "🌶️ keripik 🔥", "🙏", "\\x00", "%_%", "a" * 5000, "keripik " * 700, "<script>x</script>",
       "ke\u0301ripik", "\u200b", "&", "!!!", "(", "kopi:*", "SELECT * FROM catalog_seller"]


@pytest.mark.parametrize("text", ODD)
def test_odd_input_gives_results_or_nothing_never_an_error(shop, gql, text):
    data = gql(SEARCH, {"q": text})
    assert data["products"]["totalCount"] >= 0
    gql(SUGGEST, {"q": text})
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM catalog_product")
        assert cursor.fetchone()[0] == 4
    if "keripik" in text:
        assert "keripik-singkong-balado" in _slugs(data)


def test_managers_keep_the_synonym_list(shop, gql, manager_a, manager_b, seller):
    _publish(seller, "Casing Handphone Batik", sku="CASE-1")
    manager = GraphQLClient().login(manager_a)
    assert _slugs(gql(SEARCH, {"q": "hp"})) == []
    create = """mutation($terms: [String!]!, $coop: String = "koperasi-a") {
      searchSynonymCreate(cooperative: $coop, terms: $terms) {
        synonym { id terms } errors { field code message } } }"""
    made = manager(create, {"terms": ["HP", "handphone", " hp "]})["searchSynonymCreate"]
    assert made["errors"] == [] and made["synonym"]["terms"] == ["hp", "handphone"]
    assert _slugs(gql(SEARCH, {"q": "hp"})) == ["casing-handphone-batik"]
    assert _slugs(gql(SEARCH, {"q": "casing hp"})) == ["casing-handphone-batik"]
    bad = manager(create, {"terms": ["hp"]})["searchSynonymCreate"]
    assert bad["errors"][0]["code"] == "REQUIRED" and bad["errors"][0]["field"] == "terms"
    # another cooperative's manager can neither list nor change it
    outsider = GraphQLClient().login(manager_b)
    body = outsider.post('{ searchSynonyms(cooperative: "koperasi-a") { terms } }')
    assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    update = """mutation($id: ID!, $terms: [String!]!) { searchSynonymUpdate(id: $id,
      terms: $terms) { synonym { terms } errors { code } } }"""
    body = outsider.post(update, {"id": made["synonym"]["id"], "terms": ["a", "b"]})
    assert body["data"]["searchSynonymUpdate"] == {"synonym": None,
                                                   "errors": [{"code": "NOT_FOUND"}]}
    assert gql.post(create, {"terms": ["x", "y"]})["errors"][0]["extensions"]["code"] == (
        "AUTHENTICATION_REQUIRED")
    listed = manager('{ searchSynonyms(cooperative: "koperasi-a") { id terms } }')
    assert [s["terms"] for s in listed["searchSynonyms"]] == [["hp", "handphone"]]
    manager(update, {"id": made["synonym"]["id"], "terms": ["hp", "ponsel"]})
    assert _slugs(gql(SEARCH, {"q": "hp"})) == []
    manager("""mutation($id: ID!) { searchSynonymDelete(id: $id) { errors { code } } }""",
            {"id": made["synonym"]["id"]})
    assert manager('{ searchSynonyms(cooperative: "koperasi-a") { id } }')[
        "searchSynonyms"] == []


def test_edits_are_searchable_at_once(shop, gql, seller, manager_a):
    products.product_update(shop["emping"], manager_a, {"name": "Emping Jagung Manis"})
    assert _slugs(gql(SEARCH, {"q": "jagung"})) == ["emping-jagung-manis"]
    assert _slugs(gql(SEARCH, {"q": "melinjo"})) == []
    variant = shop["kopi"].variants.get()
    products.variant_update(variant, {"sku": "ARABIKA-GAYO-1"})
    assert _slugs(gql(SEARCH, {"q": "ARABIKA-GAYO-1"})) == ["kopi-robusta-bubuk"]


@pytest.mark.worker
def test_a_renamed_seller_is_found_by_its_new_name(transactional_db, celery_worker_thread,
                                                    coop_a, seller, gql):
    import time

    _publish(seller, "Emping Melinjo Original", sku="EMP-X")
    assert gql(SEARCH, {"q": "sumber rejeki"})["products"]["totalCount"] == 0
    sellers.seller_update(seller, {"business_name": "Sumber Rejeki"})
    deadline = time.monotonic() + 20
    while gql(SEARCH, {"q": "sumber rejeki"})["products"]["totalCount"] == 0:
        assert time.monotonic() < deadline, "the worker did not reindex the seller's products"
        time.sleep(0.2)


def test_rebuild_command_indexes_one_or_all_cooperatives(shop, gql, coop_a, capsys):
    Product.objects.update(search_vector=None)
    assert gql(SEARCH, {"q": "keripik"})["products"]["totalCount"] == 0
    call_command("rebuild_search_index", "--cooperative", "koperasi-a")
    out = capsys.readouterr()
    assert "koperasi-a: 4 products indexed (PostgreSQL)." in out.out
    assert "4/4" in out.err  # the progress bar
    assert gql(SEARCH, {"q": "keripik"})["products"]["totalCount"] == 3
    call_command("rebuild_search_index", "--no-progress")
    assert "koperasi-a: 4 products indexed" in capsys.readouterr().out



def test_ranked_results_page_with_cursors(shop, gql):
    page = """query($after: String) { products(cooperative: "koperasi-a", first: 2,
      search: "keripik", after: $after) { totalCount pageInfo { hasNextPage endCursor }
      edges { node { slug } } } }"""
    first = gql(page)["products"]
    assert first["totalCount"] == 3 and first["pageInfo"]["hasNextPage"]
    second = gql(page, {"after": first["pageInfo"]["endCursor"]})["products"]
    assert second["totalCount"] == 3 and not second["pageInfo"]["hasNextPage"]
    slugs = [e["node"]["slug"] for e in first["edges"] + second["edges"]]
    assert sorted(slugs) == ["keripik-singkong-balado", "kopi-robusta-bubuk",
                             "kripik-pisang-manis"]


def test_a_sku_typed_whole_finds_its_product_only(coop_a, seller, gql):
    for n in (1, 12, 123):
        _publish(seller, f"Keripik Nomor {n}", sku=f"KRP-{n}-S")
    assert _slugs(gql(SEARCH, {"q": "KRP-12-S"})) == ["keripik-nomor-12"]
    # apart, the number is not required but ranks what has it first
    assert _slugs(gql(SEARCH, {"q": "krp 123 s"}))[0] == "keripik-nomor-123"
    assert len(_slugs(gql(SEARCH, {"q": "keripik 5 kg"}))) == 3  # "5", "kg": not required
