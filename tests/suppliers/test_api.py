"""The suppliers API: managers and staff of the cooperative only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from graphql_relay import to_global_id

from backend.accounts.permissions import Role
from inventory.models import Stock
from suppliers.models import PurchaseOrder, SupplierItem, SupplierSync
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db

FEED = ("Kode Barang;Nama Barang;Barcode;Isi;Harga;Stok\n"
        "S-BRS;Beras Premium 5kg;8991001000011;4;290.000;120\n"
        "S-GLA;Gula pasir 1 kg;;12;190.000;300\n")

UPLOAD = """mutation($id: ID!, $file: Upload!, $dry: Boolean) {
  supplierFeedUpload(id: $id, file: $file, dryRun: $dry) {
    sync { status rows errorCount rowErrors { row field message }
           report { new changed unchanged flagged newItems { sku cost { formatted } } } }
    errors { field code message } } }"""


def gid(kind, obj):
    return to_global_id(kind, obj.pk)


def test_manager_creates_a_supplier_uploads_a_feed_and_maps_an_item(
        gql, manager_a, groceries):
    gql.login(manager_a)
    created = gql("""mutation { supplierCreate(cooperative: "koperasi-a", input: {
        name: "CV Sumber Rejeki", contactPerson: "Pak Darto", email: "order@sumber.test",
        leadTimeDays: 2, minimumOrderValue: 500000, paymentTerms: "30 hari"}) {
        supplier { id name minimumOrderValue { formatted } } errors { field code } } }""")
    supplier = created["supplierCreate"]["supplier"]
    assert supplier["minimumOrderValue"]["formatted"] == "Rp500.000"
    duplicate = gql("""mutation { supplierCreate(cooperative: "koperasi-a", input: {
        name: "cv sumber rejeki"}) { errors { field code } } }""")
    assert duplicate["supplierCreate"]["errors"] == [{"field": "name", "code": "UNIQUE"}]

    dry = gql.upload(UPLOAD, {"id": supplier["id"], "file": None, "dry": True},
                     {"file": SimpleUploadedFile("harga.csv", FEED.encode())})
    report = dry["supplierFeedUpload"]["sync"]
    assert report["status"] == "DRY_RUN" and report["report"]["new"] == 2
    assert report["report"]["newItems"][0] == {"sku": "S-BRS", "cost": {
        "formatted": "Rp290.000"}}
    assert SupplierItem.objects.count() == 0
    applied = gql.upload(UPLOAD, {"id": supplier["id"], "file": None, "dry": False},
                         {"file": SimpleUploadedFile("harga.csv", FEED.encode())})
    assert applied["supplierFeedUpload"]["sync"]["status"] == "APPLIED"

    unmapped = gql("""query { supplierItems(cooperative: "koperasi-a", first: 10,
        unmapped: true) { edges { node { id supplierSku
        suggestions { reason variant { sku } } } } } }""")["supplierItems"]["edges"]
    beras = next(e["node"] for e in unmapped if e["node"]["supplierSku"] == "S-BRS")
    assert beras["suggestions"][0] == {"reason": "barcode", "variant": {"sku": "BRS-5"}}
    mapped = gql("""mutation($id: ID!, $v: ID!) { supplierItemMap(id: $id, variant: $v,
        preferred: true) { item { variant { sku } preferred } errors { code } } }""",
                 {"id": beras["id"], "v": gid("ProductVariant", groceries["BRS-5"])})
    assert mapped["supplierItemMap"]["item"] == {"variant": {"sku": "BRS-5"},
                                                 "preferred": True}
    syncs = gql("""query { supplierSyncs(cooperative: "koperasi-a", first: 5) {
        totalCount edges { node { id status source } } } }""")["supplierSyncs"]
    assert syncs["totalCount"] == 2
    one = gql("""query($id: ID!) { supplierSync(id: $id) { status filename
        report { new unchanged } } }""", {"id": syncs["edges"][0]["node"]["id"]})
    assert one["supplierSync"] == {"status": "APPLIED", "filename": "harga.csv",
                                   "report": {"new": 2, "unchanged": 0}}


def test_bad_rows_are_listed_by_row_number(gql, manager_a, distributor):
    gql.login(manager_a)
    bad = FEED + "S-X;Teh;;1;murah;5\n"
    data = gql.upload(UPLOAD, {"id": gid("Supplier", distributor), "file": None, "dry": False},
                      {"file": SimpleUploadedFile("harga.csv", bad.encode())})
    sync = data["supplierFeedUpload"]["sync"]
    assert sync["status"] == "REJECTED"
    assert sync["rowErrors"] == [{"row": 4, "field": "cost_per_pack",
                                  "message": "murah bukan jumlah rupiah."}] or \
        sync["rowErrors"][0]["row"] == 4
    assert SupplierItem.objects.count() == 0


def test_purchase_order_through_the_api(gql, manager_a, distributor, groceries, store_a,
                                        django_capture_on_commit_callbacks):
    SupplierItem.objects.create(cooperative=distributor.cooperative, supplier=distributor,
                                supplier_sku="S-BRS", variant=groceries["BRS-5"], pack_size=4,
                                cost_per_pack=260000)
    gql.login(manager_a)
    order = gql("""mutation($s: ID!, $l: ID!, $v: ID!) { purchaseOrderCreate(
        cooperative: "koperasi-a", input: {supplier: $s, location: $l,
        lines: [{variant: $v, packs: 3}]}) { order { id number status
        total { amount } lines { id quantity } } errors { field code message } } }""",
                {"s": gid("Supplier", distributor), "l": gid("Location", store_a),
                 "v": gid("ProductVariant", groceries["BRS-5"])})["purchaseOrderCreate"]
    assert order["errors"] == []
    po = order["order"]
    assert (po["status"], po["total"]["amount"], po["lines"][0]["quantity"]) == (
        "DRAFT", 780000, 12)
    with django_capture_on_commit_callbacks(execute=True):
        sent = gql("""mutation($id: ID!) { purchaseOrderSend(id: $id) { order { status }
            errors { code } } }""", {"id": po["id"]})
    assert sent["purchaseOrderSend"]["order"]["status"] == "SENT"
    received = gql("""mutation($id: ID!, $line: ID!) { goodsReceiptCreate(id: $id, lines: [
        {line: $line, receivedQuantity: 10, damagedQuantity: 1, batch: "B1",
         expiryDate: "2027-01-31", unitCost: 66000}]) { order { status damagedUnits }
        receipt { lines { receivedQuantity unitCost { amount } } } errors { field code } } }""",
                   {"id": po["id"], "line": po["lines"][0]["id"]})["goodsReceiptCreate"]
    assert received["order"] == {"status": "PARTLY_RECEIVED", "damagedUnits": 1}
    assert Stock.objects.get(variant=groceries["BRS-5"], location=store_a).on_hand == 10
    too_many = gql("""mutation($id: ID!, $line: ID!) { goodsReceiptCreate(id: $id, lines: [
        {line: $line, receivedQuantity: 5}]) { errors { field code } } }""",
                   {"id": po["id"], "line": po["lines"][0]["id"]})["goodsReceiptCreate"]
    assert too_many["errors"] == [{"field": "lines", "code": "TOO_MANY"}]


def test_another_cooperatives_manager_sees_and_changes_nothing(
        gql, manager_b, distributor, store_a, groceries):
    order = PurchaseOrder.objects.create(cooperative=distributor.cooperative,
                                         supplier=distributor, location=store_a, number="PO-1")
    gql.login(manager_b)
    for query in ('suppliers(cooperative: "koperasi-a", first: 5) { totalCount }',
                  'supplierItems(cooperative: "koperasi-a", first: 5) { totalCount }',
                  'supplierSyncs(cooperative: "koperasi-a", first: 5) { totalCount }',
                  'purchaseOrders(cooperative: "koperasi-a", first: 5) { totalCount }',
                  f'reorderSuggestions(location: "{gid("Location", store_a)}") {{ quantity }}'):
        body = gql.post("query { %s }" % query)
        assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED", query
    assert gql(f'query {{ supplier(id: "{gid("Supplier", distributor)}") {{ name }} }}'
               ) == {"supplier": None}
    assert gql(f'query {{ purchaseOrder(id: "{gid("PurchaseOrder", order)}") {{ number }} }}'
               ) == {"purchaseOrder": None}
    sync = SupplierSync.objects.create(cooperative=distributor.cooperative,
                                       supplier=distributor, source="upload", status="applied")
    assert gql(f'query {{ supplierSync(id: "{gid("SupplierSync", sync)}") {{ rows }} }}'
               ) == {"supplierSync": None}
    own = gql('query { suppliers(cooperative: "koperasi-b", first: 5) { totalCount } }')
    assert own["suppliers"]["totalCount"] == 0
    for mutation in (f'supplierUpdate(id: "{gid("Supplier", distributor)}", input: '
                     '{name: "Dibajak"}) { errors { code } }',
                     f'purchaseOrderSend(id: "{gid("PurchaseOrder", order)}") '
                     '{ errors { code } }',
                     f'purchaseOrderCancel(id: "{gid("PurchaseOrder", order)}") '
                     '{ errors { code } }'):
        # Another cooperative's supplier is answered like one that does not exist.
        body = gql("mutation { %s }" % mutation)
        assert next(iter(body.values()))["errors"] == [{"code": "NOT_FOUND"}], mutation
    distributor.refresh_from_db()
    assert distributor.name == "CV Sumber Rejeki"


def test_a_cashier_cannot_see_suppliers(gql, coop_a, distributor):
    cashier = make_staff(coop_a, Role.CASHIER)
    body = gql.login(cashier).post(
        'query { suppliers(cooperative: "koperasi-a", first: 5) { totalCount } }')
    assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    staff = make_staff(coop_a, Role.STAFF)
    assert gql.login(staff)(
        'query { suppliers(cooperative: "koperasi-a", first: 5) { totalCount } }'
    )["suppliers"]["totalCount"] == 1


def _queries(gql, query):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        gql(query)
    return len(captured)


def test_listings_cost_the_same_queries_whatever_their_size(gql, manager_a, distributor,
                                                            groceries, store_a):
    from suppliers.services.purchasing import purchase_order_create
    from suppliers.services.register import supplier_save

    gql.login(manager_a)
    orders = """query { purchaseOrders(cooperative: "koperasi-a", first: 50) { edges { node {
        number status total { amount } damagedUnits shortfallUnits supplier { name }
        lines { quantity outstanding variant { sku } cost { amount } } } } } }""".replace(
        "cost { amount }", "costPerPack { amount }")
    suppliers = """query { suppliers(cooperative: "koperasi-a", first: 50) { edges { node {
        name damagedUnits shortfallUnits minimumOrderValue { amount }
        feedSource { url everyHours } } } } }"""

    def order():
        purchase_order_create(distributor.cooperative, {
            "supplier": distributor, "location": store_a, "lines": [
                {"variant": v, "packs": 2, "cost_per_pack": 1000} for v in groceries.values()]})

    from suppliers.services.pull import feed_source_update

    order()
    feed_source_update(distributor, {"every_hours": 6})
    one = _queries(gql, orders), _queries(gql, suppliers)
    for n in range(4):
        order()
        feed_source_update(supplier_save(distributor.cooperative, {"name": f"Pemasok {n}"}),
                           {"every_hours": 6})
    assert (_queries(gql, orders), _queries(gql, suppliers)) == one


def test_feed_source_reorder_list_and_orders_from_suggestions(gql, manager_a, distributor,
                                                              groceries, store_a):
    from inventory.services import stock_receive

    gql.login(manager_a)
    source = gql("""mutation($id: ID!) { supplierFeedSourceUpdate(id: $id, input: {
        url: "https://pemasok.example.test/harga.json", format: JSON, everyHours: 12,
        pullEnabled: true, authHeader: "X-Api-Key: 1", newPushToken: true,
        columnMapping: {supplier_sku: "Item Code"}}) {
        source { format everyHours hasAuthHeader hasPushToken columnMapping }
        pushToken pushUrl errors { field code } } }""",
                 {"id": gid("Supplier", distributor)})["supplierFeedSourceUpdate"]
    assert source["errors"] == [] and len(source["pushToken"]) > 30
    assert source["pushUrl"].endswith("/suppliers/feed/push")
    assert source["source"] == {"format": "JSON", "everyHours": 12, "hasAuthHeader": True,
                                "hasPushToken": True,
                                "columnMapping": {"supplier_sku": "Item Code"}}
    bad = gql("""mutation($id: ID!) { supplierFeedSourceUpdate(id: $id, input: {
        columnMapping: {harga: "Harga"}}) { errors { field code } } }""",
              {"id": gid("Supplier", distributor)})["supplierFeedSourceUpdate"]
    assert bad["errors"] == [{"field": "columnMapping", "code": "INVALID"}]

    SupplierItem.objects.create(cooperative=distributor.cooperative, supplier=distributor,
                                supplier_sku="S-BRS", variant=groceries["BRS-5"], pack_size=4,
                                cost_per_pack=260000)
    stock_receive(groceries["BRS-5"], store_a, 1)
    saved = gql("""mutation($v: ID!, $l: ID!) { reorderRuleSet(variant: $v, location: $l,
        minQuantity: 10, maxQuantity: 30) { saved errors { code } } }""",
                {"v": gid("ProductVariant", groceries["BRS-5"]), "l": gid("Location", store_a)})
    assert saved["reorderRuleSet"] == {"saved": True, "errors": []}
    listed = gql("""query($l: ID!) { reorderSuggestions(location: $l) { variant { sku }
        onHand quantity packs supplier { name } expectedCost { formatted } } }""",
                 {"l": gid("Location", store_a)})["reorderSuggestions"]
    assert listed == [{"variant": {"sku": "BRS-5"}, "onHand": 1, "quantity": 32, "packs": 8,
                       "supplier": {"name": "CV Sumber Rejeki"},
                       "expectedCost": {"formatted": "Rp2.080.000"}}]
    made = gql("""mutation($l: ID!, $v: ID!) { purchaseOrderCreateFromSuggestions(location: $l,
        picks: [{variant: $v}]) { orders { number status supplier { name }
        lines { packs } } errors { field code message } } }""",
               {"l": gid("Location", store_a), "v": gid("ProductVariant", groceries["BRS-5"])}
               )["purchaseOrderCreateFromSuggestions"]
    assert made["orders"] == [{"number": "PO-000001", "status": "DRAFT",
                               "supplier": {"name": "CV Sumber Rejeki"},
                               "lines": [{"packs": 8}]}]
    again = gql("""mutation($l: ID!, $v: ID!) { purchaseOrderCreateFromSuggestions(
        location: $l, picks: [{variant: $v}]) { orders { number } errors { field code } } }""",
                {"l": gid("Location", store_a), "v": gid("ProductVariant", groceries["GLA-1"])}
                )["purchaseOrderCreateFromSuggestions"]
    assert again == {"orders": None, "errors": [{"field": "picks", "code": "INVALID"}]}


def test_json_and_xlsx_feeds_upload_through_the_api(gql, manager_a, distributor):
    import io
    import json

    from openpyxl import Workbook

    gql.login(manager_a)
    body = json.dumps([{"kode": "S-1", "nama": "Teh Celup", "harga": 24000, "isi": 25}])
    data = gql.upload(UPLOAD, {"id": gid("Supplier", distributor), "file": None, "dry": False},
                      {"file": SimpleUploadedFile("harga.json", body.encode())})
    assert data["supplierFeedUpload"]["sync"]["status"] == "APPLIED"
    workbook = Workbook()
    workbook.active.append(["Kode Barang", "Nama Barang", "Harga", "Isi"])
    workbook.active.append(["S-1", "Teh Celup", 26000, 25])
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = gql.upload(UPLOAD, {"id": gid("Supplier", distributor), "file": None, "dry": False},
                      {"file": SimpleUploadedFile("harga.xlsx", buffer.getvalue())})
    assert data["supplierFeedUpload"]["sync"]["report"]["changed"] == 1
    assert SupplierItem.objects.get().cost_per_pack == 26000
