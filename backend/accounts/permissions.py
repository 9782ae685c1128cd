"""Staff roles per cooperative and what each may do. The operator (superuser) may do all."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MANAGER = "manager", _("Manager")
    STAFF = "staff", _("Staff")
    CASHIER = "cashier", _("Cashier")


class Permission(models.TextChoices):
    MANAGE_COOPERATIVE = "manage_cooperative", _("Change the cooperative's settings")
    MANAGE_STAFF = "manage_staff", _("Add and remove staff")
    MANAGE_SELLERS = "manage_sellers", _("Approve, reject and suspend sellers")
    MANAGE_CATALOG = "manage_catalog", _("Manage categories and moderate products")
    MANAGE_MEMBERS = "manage_members", _("Manage the member register and member prices")
    MANAGE_INVENTORY = "manage_inventory", _("Manage stock and stores")
    MANAGE_ORDERS = "manage_orders", _("Handle orders, payments and refunds")
    MANAGE_SUPPLIERS = "manage_suppliers", _("Manage suppliers and purchase orders")
    VIEW_REPORTS = "view_reports", _("See sales and patronage reports")
    RECORD_SAVINGS = "record_savings", _("Record members' savings and dues payments")
    HANDLE_SALES = "handle_sales", _("Serve shoppers at the till and at pickup")


ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.MANAGER: frozenset(Permission.values),
    Role.STAFF: frozenset({
        Permission.MANAGE_CATALOG, Permission.MANAGE_INVENTORY, Permission.MANAGE_ORDERS,
        Permission.MANAGE_SUPPLIERS, Permission.HANDLE_SALES, Permission.RECORD_SAVINGS,
    }),
    Role.CASHIER: frozenset({Permission.HANDLE_SALES}),
}
