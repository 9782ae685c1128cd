"""Ready to shard by cooperative (issue 21): a distributed PostgreSQL (Citus) keeps each
cooperative's rows together only if every tenant table carries `cooperative_id` and every
unique rule includes it. The models are walked, not listed, so a new model is held to it.
What does not comply yet is named below; these lists may only shrink."""

from django.apps import apps
from django.db.models import UniqueConstraint

OUR_APPS = {"accounts", "cooperatives", "jobs", "catalog", "members", "inventory", "orders",
            "suppliers", "messaging", "payments", "till", "savings", "reports"}
GLOBAL_MODELS = {
    "accounts.User",  # a person may belong to several cooperatives
    "cooperatives.Cooperative",  # the tenant itself
}
NOT_YET_TENANT = {"orders.CheckoutLine", "orders.RefundLine", "orders.WebhookEvent"}
# Each is unique through a row that already belongs to one cooperative (a variant, a
# supplier, a stock); adding cooperative_id is a migration per table, for the sharding work.
# Category.path is django-treebeard's one path space for the whole table.
UNIQUE_WITHOUT_COOPERATIVE = {
    "catalog.Category.path", "catalog.ProductRevision.product",
    "catalog.PermitNotice:one_notice_per_permit_expiry", "members.VariantMemberPrice.variant",
    "inventory.Stock:one_stock_per_place",
    "inventory.Reservation:one_reservation_per_checkout_and_stock", "orders.Checkout.token",
    "orders.Order.checkout_token", "orders.Payment:payment_psp_reference_unique",
    "orders.CategoryCommission.category", "orders.PayoutEntry:one_payout_entry_per_event",
    "suppliers.SupplierItem:supplier_sku_unique", "suppliers.SupplierFeedSource.supplier",
    "suppliers.VariantSupply.variant", "suppliers.ReorderRule:one_reorder_rule_per_place",
}


def _our_models():
    return [m for m in apps.get_models() if m._meta.app_label in OUR_APPS]


def _has_cooperative(model) -> bool:
    return any(f.name == "cooperative" for f in model._meta.get_fields())


def test_every_tenant_table_carries_the_cooperative():
    lacking = {m._meta.label for m in _our_models() if not _has_cooperative(m)}
    assert lacking - GLOBAL_MODELS - NOT_YET_TENANT == set()
    assert NOT_YET_TENANT <= lacking, "one got its cooperative: take it off the list"


def test_every_unique_rule_of_a_tenant_table_includes_the_cooperative():
    found = set()
    for model in filter(_has_cooperative, _our_models()):
        label = model._meta.label
        for constraint in model._meta.constraints:
            if isinstance(constraint, UniqueConstraint) and constraint.fields and (
                    "cooperative" not in constraint.fields):
                found.add(f"{label}:{constraint.name}")
        for together in model._meta.unique_together:
            if "cooperative" not in together:
                found.add(f"{label}:{'+'.join(together)}")
        for field in model._meta.local_fields:
            if field.unique and not field.primary_key and field.name != "cooperative":
                found.add(f"{label}.{field.name}")
    assert found - UNIQUE_WITHOUT_COOPERATIVE == set()
    assert UNIQUE_WITHOUT_COOPERATIVE <= found, "one includes it now: take it off the list"
