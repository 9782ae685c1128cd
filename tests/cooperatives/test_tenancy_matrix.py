"""The tenancy matrix, generated from the schema: every query and mutation that takes an ID
(as an argument or inside an input) is called by cooperative B's people with cooperative A's
IDs, and must refuse: nothing of A in the answer, nothing of A changed.

A new operation is covered without anyone writing a test for it; an operation whose ID
arguments the matrix cannot tell the type of fails `test_every_id_argument_has_a_known_type`
until a line is added to ID_TYPES_BY_ARGUMENT or ID_TYPE_OF_SUBJECT below.
"""

import json
import uuid
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils import timezone
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    get_named_type,
)
from graphql_relay import to_global_id

from backend.accounts.jwt import create_access_token
from backend.accounts.models import StaffMembership
from backend.graphql.schema import schema
from backend.jobs.models import Job
from catalog.models import ProductMedia, ProductType, SearchSynonym, Seller, SellerStatus
from catalog.services.import_jobs import KIND as PRODUCT_IMPORT
from inventory.models import Location
from inventory.stock_import import KIND as STOCK_IMPORT
from members.models import Member, MembershipClaim, PriceRule, ShuCalculation
from members.services.import_jobs import KIND as MEMBER_IMPORT
from messaging.models import Message
from orders.models import CourierRate, LocalDeliveryArea, Voucher
from orders.services.checkout import checkout_create
from orders.services.payouts import payouts_create
from payments.models import PaymentAttempt
from savings.services.dues_payments import dues_receipt_submit
from savings.services.ledger import savings_kinds_ensure
from suppliers.models import SupplierItem, SupplierSync
from suppliers.services.purchasing import purchase_order_create
from suppliers.services.register import supplier_save
from tests.conftest import make_user
from tests.fixtures_catalog import image_file
from tests.orders.builders import paid_order_with_payout_entry
from till.services.sales import LineInput, PaymentInput, SaleInput, till_sale_create
from till.services.shifts import till_shift_open, till_staff_assign

pytestmark = pytest.mark.django_db

GRAPHQL = schema.graphql_schema

# The type of an ID argument, by the argument's name (the last part of its path).
ID_TYPES_BY_ARGUMENT = {
    "variant": "ProductVariant", "variantId": "ProductVariant", "variantIds": "ProductVariant",
    "location": "Location", "target": "Location", "pickupLocation": "Location",
    "supplier": "Supplier", "supplierItem": "SupplierItem", "seller": "Seller",
    "category": "Category", "parent": "Category", "product": "Product",
    "productType": "ProductType", "lineId": "OrderLine", "line": "PurchaseOrderLine",
    "mediaIds": "ProductMedia", "claimId": "MembershipClaim", "ids": "SellerOrderLine",
    "checkedJob": "Job", "shift": "TillShift", "saleLine": "TillSaleLine",
    "staffMember": "StaffMember", "member": "Member", "toMember": "Member",
    "kind": "SavingsKind",
}
# The `id` of an operation names the type its name starts with (productVariantUpdate:
# ProductVariant), or the one it returns (queries), except for these.
ID_TYPE_OF_SUBJECT = {
    "productCreate": "Seller", "productVariantCreate": "Product",
    "productMediaCreate": "Product", "productMediaReorder": "Product",
    "goodsReceiptCreate": "PurchaseOrder", "variantMemberPriceSet": "ProductVariant",
    "shuExport": "ShuCalculation", "paymentConfirm": "PaymentAttempt",
    "paymentRefund": "PaymentAttempt",
}
# A job is checked by the import of its own kind: productImportStart applies a product sheet
# check, memberImportStart a register check.
ID_TYPES_OF_OPERATION_ARGUMENT = {("productImportStart", "checkedJob"): "ProductImportJob",
                                  ("productBulkApprove", "importJob"): "ProductImportJob",
                                  ("stockImportStart", "checkedJob"): "StockImportJob"}


def _id_paths(args, prefix=()):
    for name, arg in args.items():
        named = get_named_type(arg.type)
        if named.name == "ID":
            yield (*prefix, name)
        elif isinstance(named, GraphQLInputObjectType):
            yield from _id_paths(named.fields, (*prefix, name))


def id_operations():
    """(kind, name, field, [argument paths of IDs]) for each operation that takes an ID."""
    found = []
    for kind, root in (("query", GRAPHQL.query_type), ("mutation", GRAPHQL.mutation_type)):
        for name, field in root.fields.items():
            paths = list(_id_paths(field.args))
            if paths:
                found.append((kind, name, field, paths))
    return found


def id_type(kind, name, field, path) -> str | None:
    if (name, path[-1]) in ID_TYPES_OF_OPERATION_ARGUMENT:
        return ID_TYPES_OF_OPERATION_ARGUMENT[(name, path[-1])]
    if path != ("id",):
        return ID_TYPES_BY_ARGUMENT.get(path[-1])
    if name in ID_TYPE_OF_SUBJECT:
        return ID_TYPE_OF_SUBJECT[name]
    if kind == "query":
        return get_named_type(field.type).name
    pascal = name[:1].upper() + name[1:]
    return max((t for t in KNOWN_TYPES if pascal.startswith(t)), key=len, default=None)


KNOWN_TYPES = (
    "Category", "Cooperative", "CourierRate", "Job", "LocalDeliveryArea", "Location", "Member",
    "ProductImportJob", "StockImportJob",
    "MembershipClaim", "Message", "Order", "OrderLine", "PaymentAttempt", "PriceRule",
    "Product", "ProductMedia", "ProductType", "ProductVariant", "PurchaseOrder",
    "PurchaseOrderLine", "SavingsKind", "DuesReceipt", "SearchSynonym", "Seller",
    "SellerOrderLine", "SellerPayout", "ShuCalculation", "StaffMember", "Supplier",
    "SupplierItem", "SupplierSync", "TillSale", "TillSaleLine", "TillShift", "Voucher")


def test_every_id_argument_has_a_known_type():
    unknown = [(name, ".".join(path)) for kind, name, field, paths in id_operations()
               for path in paths if id_type(kind, name, field, path) not in KNOWN_TYPES]
    assert unknown == [], "teach the matrix these ID arguments' types"
    assert len(id_operations()) >= 90


# -- cooperative A's world: one object of every type an ID can name ---------------------------
@pytest.fixture
def world_a(coop_a, seller, published, category_a):
    owner = make_user(email="siti@example.test")
    store = Location.objects.create(cooperative=coop_a, name="Kopmart Cipare", code="cipare")
    variant = published.variants.get()
    order = paid_order_with_payout_entry(coop_a, seller, variant, store, owner)
    line = order.lines.get()
    supplier = supplier_save(coop_a, {"name": "CV Sumber Rejeki", "lead_time_days": 2})
    item = SupplierItem.objects.create(cooperative=coop_a, supplier=supplier,
                                       supplier_sku="S-1", name="Emping", variant=variant)
    purchase = purchase_order_create(coop_a, {"supplier": supplier, "location": store,
                                              "lines": [{"variant": variant, "packs": 2}]})
    member = Member.objects.create(cooperative=coop_a, member_number="A-001",
                                   full_name="Siti Aminah", phone="+6281200001111", user=owner)
    photo = image_file()
    media = ProductMedia.objects.create(
        cooperative=coop_a, product=published,
        image=SimpleUploadedFile("foto.jpg", photo.read(), content_type="image/jpeg"))
    objects = {
        "Category": category_a, "Cooperative": coop_a, "Location": store, "Order": order,
        "OrderLine": line, "SellerOrderLine": line, "Product": published,
        "ProductVariant": variant, "ProductMedia": media, "Seller": seller,
        "ProductType": ProductType.objects.create(cooperative=coop_a, name="Keripik"),
        "SellerPayout": payouts_create(coop_a, period_end=timezone.localdate())[0],
        "LocalDeliveryArea": LocalDeliveryArea.objects.create(
            cooperative=coop_a, name="Serang", city="Serang", fee=5000),
        "CourierRate": CourierRate.objects.create(cooperative=coop_a, service="JNE",
                                                  max_grams=1000, fee=9000),
        "Voucher": Voucher.objects.create(cooperative=coop_a, code="HEMAT", kind="fixed",
                                          value=1000),
        "Supplier": supplier, "SupplierItem": item, "PurchaseOrder": purchase,
        "PurchaseOrderLine": purchase.lines.get(),
        "SupplierSync": SupplierSync.objects.create(cooperative=coop_a, supplier=supplier,
                                                    source="upload", status="applied"),
        "Member": member,
        "MembershipClaim": MembershipClaim.objects.create(
            cooperative=coop_a, user=owner, member=member, code_hash="x",
            expires_at=timezone.now() + timedelta(minutes=10)),
        "PriceRule": PriceRule.objects.create(cooperative=coop_a, name="Anggota",
                                              kind="percent", value=5),
        "ShuCalculation": ShuCalculation.objects.create(
            cooperative=coop_a, fiscal_year=2025, surplus=1000, split={}, member_purchases=0,
            member_savings=0),
        "SearchSynonym": SearchSynonym.objects.create(cooperative=coop_a,
                                                      terms=["kerupuk", "krupuk"]),
        "StaffMember": StaffMembership.objects.get(cooperative=coop_a, role="cashier"),
        "Job": Job.objects.create(cooperative=coop_a, kind=MEMBER_IMPORT, user=owner),
        **till_objects(store, variant),
        "SavingsKind": savings_kinds_ensure(coop_a)["sukarela"],
        "DuesReceipt": dues_receipt_submit(member, amount=25000, transfer_reference="BCA-1",
                                           transferred_on=timezone.localdate()),
        "Message": Message.objects.create(  # failed: messageRetry would queue it again
            cooperative=coop_a, phone="+6281200001111", template="order_delivered",
            variables={"number": order.number, "link": "x"}, state="failed"),
        "PaymentAttempt": PaymentAttempt.objects.create(  # waits for staff to confirm it
            cooperative=coop_a, payable_kind="order", payable_id=order.pk,
            provider="static_qris", method="static_qris", amount=order.total,
            reference="cm-matrix-1"),
    }
    product_check = Job.objects.create(cooperative=coop_a, kind=PRODUCT_IMPORT, user=owner)
    return {**{kind: to_global_id(kind, obj.pk) for kind, obj in objects.items()},
            "ProductImportJob": to_global_id("Job", product_check.pk),
            "StockImportJob": to_global_id("Job", Job.objects.create(
                cooperative=coop_a, kind=STOCK_IMPORT, user=owner).pk)}


def till_objects(store, variant) -> dict:
    """A shift of A's cashier at A's store with one sale (of the variant, in stock)."""
    cashier = StaffMembership.objects.get(cooperative=store.cooperative, role="cashier").user
    till_staff_assign(store, cashier)
    shift = till_shift_open(store, cashier)
    sale, _created = till_sale_create(shift, cashier, SaleInput(
        client_id=str(uuid.uuid4()), lines=[LineInput(variant=variant)],
        payments=[PaymentInput("cash", variant.price)]))
    return {"TillShift": shift, "TillSale": sale, "TillSaleLine": sale.lines.get()}


def snapshot_of(cooperative) -> str:
    """Every row cooperative A owns, as text."""
    rows = []
    for model in apps.get_models():
        if any(f.name == "cooperative" for f in model._meta.get_fields()):
            rows.append(sorted(map(str, model.objects.filter(
                cooperative=cooperative).values_list())))
    rows.append(str(type(cooperative).objects.filter(pk=cooperative.pk).values_list()))
    return json.dumps(rows)


# -- building calls from the schema -------------------------------------------------------------
SCALARS = {"String": "x", "Int": 1, "BigInt": 1, "Float": 1.0, "Decimal": "1",
           "Boolean": False, "Date": "2026-01-31", "DateTime": "2026-01-31T00:00:00+07:00",
           "GenericScalar": [], "JSONString": "{}"}


def value_for(type_, path, kind, name, field, ids, files):
    """A value of `type_` for the argument at `path`: A's ID where an ID goes."""
    nullable = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    if isinstance(nullable, GraphQLList):
        return [value_for(nullable.of_type, path, kind, name, field, ids, files)]
    if isinstance(nullable, GraphQLInputObjectType):
        return {key: value_for(arg.type, (*path, key), kind, name, field, ids, files)
                for key, arg in nullable.fields.items()
                if isinstance(arg.type, GraphQLNonNull) or _takes_id(arg.type)}
    if isinstance(nullable, GraphQLEnumType):
        return next(iter(nullable.values))
    if nullable.name == "ID":
        return ids[id_type(kind, name, field, path)]
    if nullable.name == "UUID":
        return ids["checkout token of B"]
    if nullable.name == "Upload":
        files[".".join(path)] = SimpleUploadedFile("data.csv", b"sku,harga\nX,1\n")
        return None
    return SCALARS[nullable.name]


def _takes_id(type_) -> bool:
    named = get_named_type(type_)
    return named.name == "ID" or (isinstance(named, GraphQLInputObjectType) and any(
        _takes_id(f.type) for f in named.fields.values()))


def selection(type_, depth=3) -> str:
    """Every field without required arguments, objects `depth` deep."""
    named = get_named_type(type_)
    if isinstance(named, (GraphQLScalarType, GraphQLEnumType)):
        return ""
    if depth == 0 or not isinstance(named, GraphQLObjectType):
        return "{ __typename }"
    parts = []
    for key, sub in named.fields.items():
        if "first" in sub.args or any(isinstance(a.type, GraphQLNonNull)
                                      for a in sub.args.values()):
            continue  # nested lists are another operation's business
        parts.append(f"{key} {selection(sub.type, depth - 1)}")
    return "{ %s }" % " ".join(parts)


def call(kind, name, field, ids):
    """The document and variables calling the operation with A's IDs."""
    files = {}
    variables = {}
    for key, arg in field.args.items():
        if key == "first":
            variables[key] = 5
        elif isinstance(arg.type, GraphQLNonNull) or _takes_id(arg.type):
            variables[key] = value_for(arg.type, (key,), kind, name, field, ids, files)
    declared = ", ".join(f"${key}: {field.args[key].type}" for key in variables)
    passed = ", ".join(f"{key}: ${key}" for key in variables)
    document = f"{kind} Op({declared}) {{ {name}({passed}) {selection(field.type)} }}"
    return document, variables, files


def post(document, variables, files, user, **headers) -> dict:
    client = Client()
    headers["HTTP_AUTHORIZATION"] = f"Bearer {create_access_token(user)}"
    if files:
        mapping = {str(i): [f"variables.{path}"] for i, path in enumerate(files)}
        data = {"operations": json.dumps({"query": document, "variables": variables}),
                "map": json.dumps(mapping)}
        data.update({str(i): upload for i, upload in enumerate(files.values())})
        response = client.post("/graphql/", data, **headers)
    else:
        response = client.post("/graphql/", json.dumps(
            {"query": document, "variables": variables}), content_type="application/json",
            **headers)
    assert response.status_code in (200, 400), response.content[:300]
    return response.json()


REFUSALS = {"NOT_FOUND", "PERMISSION_DENIED"}


def refused(kind, name, body) -> bool:
    """A top-level NOT_FOUND/PERMISSION_DENIED, or the payload's errors say so; a query may
    also answer with nothing (null, an empty list)."""
    if any((e.get("extensions") or {}).get("code") in REFUSALS for e in body.get("errors", [])):
        return True
    result = (body.get("data") or {}).get(name)
    if isinstance(result, dict) and result.get("errors"):
        return bool(REFUSALS & {e["code"] for e in result["errors"]})
    return kind == "query" and not body.get("errors") and (
        result is None or result == [] or (isinstance(result, dict) and not any(
            result.get(k) for k in ("edges", "totalCount"))))


@pytest.fixture
def b_people(coop_b, manager_b):
    owner = make_user(email="penjual-b@example.test")
    Seller.objects.create(cooperative=coop_b, owner=owner, business_name="Toko B",
                          slug="toko-b", status=SellerStatus.APPROVED)
    return {"manager of B": manager_b, "seller of B": owner,
            "shopper": make_user(email="pembeli@example.test")}


@pytest.mark.parametrize("who", ["manager of B", "seller of B", "shopper"])
def test_b_people_cannot_reach_a_through_any_id(world_a, coop_a, coop_b, b_people, who):
    person = b_people[who]
    ids = {**world_a, "checkout token of B": str(checkout_create(coop_b, person).token)}
    before = snapshot_of(coop_a)
    a_ids = set(world_a.values())
    problems = []
    # B's manager names B by header, by host, or not at all (then visibility alone keeps A
    # out): each operation one way, in turn, as the three reach the same one lookup
    # (backend/graphql/core/ids.py) and trying all three of every operation tripled the
    # matrix's minute. A seller's or shopper's queries meet the same scoping as the
    # manager's: they are tried on mutations, naming no cooperative.
    ways = [{"HTTP_X_COOPERATIVE": "koperasi-b"}, {}, {"HTTP_HOST": "b.example.test"}]
    for turn, (kind, name, field, _paths) in enumerate(id_operations()):
        if who != "manager of B" and kind == "query":
            continue
        way = ways[turn % len(ways)]
        if kind == "query" and not way:
            way = ways[0]  # without a cooperative, A's public profile and shop are public
        for headers in [way] if who == "manager of B" else [{}]:
            document, variables, files = call(kind, name, field, ids)
            body = post(document, variables, files, person, **headers)
            leaked = sorted(i for i in a_ids if i in json.dumps(body.get("data")))
            if not refused(kind, name, body) or leaked:
                problems.append((name, headers, leaked, body))
        if kind == "mutation" and snapshot_of(coop_a) != before:
            problems.append((name, "changed A"))
            before = snapshot_of(coop_a)
    assert problems == [], json.dumps(problems, indent=1, default=str)[:6000]


class _Undo(Exception):
    pass


def undone(function, *args, **kwargs):
    """Call it and roll back what it changed (so a delete does not hide the next object)."""
    try:
        with transaction.atomic():
            result = function(*args, **kwargs)
            raise _Undo
    except _Undo:
        return result


def test_the_matrix_ids_name_real_objects(world_a, coop_a, operator):
    """The operator, in A, is never told that the matrix's IDs name nothing: so the refusals
    above come from tenancy, not from IDs of the wrong type."""
    ids = {**world_a, "checkout token of B": str(checkout_create(coop_a, operator).token)}
    wrong = []
    for kind, name, field, _paths in id_operations():
        document, variables, files = call(kind, name, field, ids)
        body = undone(post, document, variables, files, operator,
                      HTTP_X_COOPERATIVE="koperasi-a", HTTP_ACCEPT_LANGUAGE="en")
        result = (body.get("data") or {}).get(name)
        errors = body.get("errors", []) + (
            result.get("errors") or [] if isinstance(result, dict) else [])
        if any("with this ID" in e["message"] or "not a valid" in e["message"]
               for e in errors) and name != "membershipVerify":  # a claim is its shopper's
            wrong.append((name, errors))
    assert wrong == []
