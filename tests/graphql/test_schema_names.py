"""The schema speaks Saleor's names where Saleor has the same operation, keeps the old names
working (deprecated), and shows no Python class names or generated enum names."""

import pytest
from graphql_relay import to_global_id

from backend.accounts.permissions import Role
from backend.graphql.schema import schema
from orders.models import Order
from tests.conftest import make_staff
from tests.graphql.builders import place_order, stocked_store

RENAMED = {  # old name -> Saleor's name
    "orderMarkPaid": "orderMarkAsPaid",
    "productTypeSave": "productTypeCreate",
    "checkoutVoucherAdd": "checkoutAddPromoCode",
    "checkoutVoucherRemove": "checkoutRemovePromoCode",
    "productExport": "exportProducts",
}


def test_saleor_names_exist_and_old_names_are_deprecated():
    mutations = schema.graphql_schema.mutation_type.fields
    for old, new in RENAMED.items():
        assert new in mutations
        assert mutations[new].deprecation_reason is None
        assert new in mutations[old].deprecation_reason
    assert "productTypeUpdate" in mutations


def test_no_generated_or_python_class_names_leak_into_the_schema():
    names = [n for n in schema.graphql_schema.type_map if not n.startswith("__")]
    assert [n for n in names if n.endswith("Choices")] == []
    # ProductType is a domain word (Saleor's too); any other "...Type" is a class name.
    assert [n for n in names if n.endswith("Type") and n != "ProductType"] == []
    assert "UserLanguageEnum" in names


@pytest.mark.django_db
def test_order_mark_as_paid_and_the_deprecated_name_do_the_same(gql, coop_a, published):
    variant = published.variants.get()
    stocked_store(coop_a, [variant])
    placed = [place_order(coop_a, {variant: 1}) for _ in range(2)]
    gql.login(make_staff(coop_a, Role.CASHIER))
    for name, order in zip(("orderMarkAsPaid", "orderMarkPaid"), placed, strict=True):
        paid = gql('mutation { %s(id: "%s") { order { status } errors { code } } }'
                   % (name, to_global_id("Order", order.pk)))[name]
        assert paid["errors"] == []
        assert Order.objects.get(pk=order.pk).paid_at is not None
