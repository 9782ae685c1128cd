"""The till's GraphQL API over HTTP (Django's test client, a real PostgreSQL): the same
services as the till pages. The shop is built once for the class."""

import uuid

from django.test import TestCase
from graphql_relay import to_global_id

from members.services.card import member_card_token
from tests.conftest import GraphQLClient
from till.models import TillSale

from .builders import PIN, build_shop

OPEN = """mutation($location: ID!) { tillShiftOpen(location: $location, openingFloat: 100000) {
  shift { id isOpen cashierName } errors { field code message } } }"""
SELL = """mutation($input: TillSaleInput!) { tillSaleCreate(input: $input) {
  created sale { id number total { amount formatted } change { amount } memberName
  lines { id sku quantity unitPrice { amount } isMemberPrice }
  payments { method amount { amount } } }
  errors { field code message } } }"""
SCAN = """query($code: String!, $member: String) { variantByBarcode(code: $code, member: $member) {
  name price { amount } regularPrice { amount } isMemberPrice priceEmbedded } }"""
REFUND = """mutation($id: ID!, $lines: [TillRefundLineInput!]!, $pin: String!) {
  tillSaleRefund(id: $id, lines: $lines, managerPin: $pin) {
  refunded sale { status refundedTotal { amount } } errors { field code } } }"""
CLOSE = """mutation($id: ID!, $counted: BigInt!, $reason: String) {
  tillShiftClose(id: $id, countedCash: $counted, reason: $reason) {
  shift { isOpen difference { amount } expected { method amount { amount } } }
  errors { field code } } }"""


class TillGraphQL(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.shop = build_shop()

    def setUp(self):
        self.api = GraphQLClient().login(self.shop.cashier)
        self.api.headers["HTTP_X_COOPERATIVE"] = self.shop.coop.slug

    def gid(self, obj, kind="ProductVariant"):
        return to_global_id(kind, obj.pk)

    def test_a_day_at_the_counter_through_the_api(self):
        refused = self.api(OPEN, {"location": self.gid(self.shop.store_b, "Location")})
        self.assertEqual(refused["tillShiftOpen"]["errors"][0]["code"], "NOT_YOUR_STORE")
        shift = self.api(OPEN, {"location": self.gid(self.shop.store_a, "Location")})[
            "tillShiftOpen"]["shift"]
        self.assertEqual((shift["isOpen"], shift["cashierName"]), (True, "Dewi Kasir"))

        card = member_card_token(self.shop.member)
        scan = self.api(SCAN, {"code": "8991234560012", "member": card})["variantByBarcode"]
        self.assertEqual((scan["price"]["amount"], scan["isMemberPrice"]), (22500, True))
        self.assertEqual(self.api(SCAN, {"code": "2012345123458"})["variantByBarcode"][
            "price"]["amount"], 12345)
        self.assertIsNone(self.api(SCAN, {"code": "000"})["variantByBarcode"])

        sale_input = {
            "shift": shift["id"], "clientId": str(uuid.uuid4()), "member": card,
            "lines": [{"variant": self.gid(self.shop.emping), "quantity": 2},
                      {"variant": self.gid(self.shop.kopi), "quantity": 1}],
            "payments": [{"method": "CASH", "amount": 72000, "tendered": 100000}]}
        first = self.api(SELL, {"input": sale_input})["tillSaleCreate"]
        self.assertEqual(first["errors"], [])
        self.assertEqual((first["created"], first["sale"]["total"]["formatted"],
                          first["sale"]["change"]["amount"], first["sale"]["memberName"]),
                         (True, "Rp72.000", 28000, "Siti Aminah"))
        again = self.api(SELL, {"input": sale_input})["tillSaleCreate"]
        self.assertEqual((again["created"], again["sale"]["id"]), (False, first["sale"]["id"]))
        self.assertEqual(TillSale.objects.count(), 1)

        short = dict(sale_input, clientId=str(uuid.uuid4()),
                     payments=[{"method": "CARD", "amount": 1000}])
        codes = {e["code"] for e in self.api(SELL, {"input": short})["tillSaleCreate"][
            "errors"]}
        self.assertEqual(codes, {"PAYMENT_SHORT", "APPROVAL_CODE_REQUIRED"})

        line = first["sale"]["lines"][0]["id"]
        no_pin = self.api(REFUND, {"id": first["sale"]["id"], "pin": "",
                                   "lines": [{"saleLine": line, "quantity": 1}]})
        self.assertEqual(no_pin["tillSaleRefund"]["errors"][0]["code"],
                         "MANAGER_PIN_REQUIRED")
        refund = self.api(REFUND, {"id": first["sale"]["id"], "pin": PIN,
                                   "lines": [{"saleLine": line, "quantity": 1}]})
        self.assertEqual((refund["tillSaleRefund"]["refunded"],
                          refund["tillSaleRefund"]["sale"]["status"]),
                         (22500, "PARTLY_REFUNDED"))

        closed = self.api(CLOSE, {"id": shift["id"], "counted": 149500, "reason": ""})[
            "tillShiftClose"]
        self.assertEqual(closed["errors"], [])
        self.assertEqual(closed["shift"]["difference"]["amount"], 0)
        twice = self.api(CLOSE, {"id": shift["id"], "counted": 149500})["tillShiftClose"]
        self.assertEqual(twice["errors"][0]["code"], "SHIFT_CLOSED")

        listed = self.api("""{ tillSales(first: 10) { totalCount edges { node { number } } }
                               tillShifts(first: 10, open: false) { totalCount } }""")
        self.assertEqual((listed["tillSales"]["totalCount"],
                          listed["tillShifts"]["totalCount"]), (1, 1))


class TillConsole(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.shop = build_shop()

    def test_the_manager_sees_shifts_differences_and_stock_to_count(self):
        from till.services.sales import till_sale_create
        from till.services.shifts import till_shift_close, till_shift_open

        from .builders import cash_sale

        shift = till_shift_open(self.shop.store_a, self.shop.cashier)
        till_sale_create(shift, self.shop.cashier, cash_sale([(self.shop.kopi, 11)], 330000))
        till_shift_close(shift, self.shop.cashier, counted_cash=329000, reason="receh")
        self.client.force_login(self.shop.manager)
        page = self.client.get(f"/kelola/{self.shop.coop.slug}/kasir/").content.decode()
        self.assertIn("-Rp1.000", page)
        self.assertIn("receh", page)
        self.assertIn("KOPI-200", page)  # sold below zero: count the shelf
        self.client.force_login(self.shop.cashier)
        self.assertEqual(self.client.get(f"/kelola/{self.shop.coop.slug}/kasir/").status_code,
                         403)

    def test_sales_reports_split_online_and_till(self):
        import datetime

        from django.utils import timezone

        from orders.reports import sales_report
        from till.services.sales import till_sale_create
        from till.services.shifts import till_shift_open

        from .builders import cash_sale

        shift = till_shift_open(self.shop.store_a, self.shop.cashier)
        till_sale_create(shift, self.shop.cashier, cash_sale([(self.shop.emping, 1)], 25000))
        today = timezone.localdate()
        report = sales_report(self.shop.coop, today - datetime.timedelta(days=1), today)
        self.assertEqual(dict(report.by_channel), {"online": 0, "till": 25000})

    def test_the_manager_sets_the_till_up_in_the_console(self):
        from backend.accounts.models import StaffMembership
        from till.selectors import till_settings_of
        from till.services.shifts import manager_for_pin, till_shift_open

        self.client.force_login(self.shop.manager)
        url = f"/kelola/{self.shop.coop.slug}/kasir/"
        staff = StaffMembership.objects.get(user=self.shop.cashier)
        self.client.post(url, {"action": "assign", "staff_member": staff.pk,
                               "location": self.shop.store_b.pk, "assigned": "1"})
        self.assertTrue(till_shift_open(self.shop.store_b, self.shop.cashier).is_open)
        self.client.post(url, {"action": "pin", "pin": "97531"})
        self.assertEqual(manager_for_pin(self.shop.coop, "97531"), self.shop.manager)
        self.client.post(url, {"action": "settings", "static_qris": "00020101021126QRIS",
                               "price_barcode_layout": "i4p6", "receipt_footer": "Matur nuwun"})
        settings = till_settings_of(self.shop.coop)
        self.assertEqual((settings.static_qris, settings.price_barcode_layout),
                         ("00020101021126QRIS", "i4p6"))
        self.client.force_login(self.shop.cashier)  # a cashier sets nothing up
        self.assertEqual(self.client.post(url, {"action": "pin", "pin": "1234"}).status_code,
                         403)

    def test_a_refund_at_the_counter_page_needs_the_managers_pin(self):
        from inventory.models import Stock
        from till.services.sales import till_sale_create
        from till.services.shifts import till_shift_open

        from .builders import cash_sale

        shift = till_shift_open(self.shop.store_a, self.shop.cashier)
        sale, _ = till_sale_create(shift, self.shop.cashier,
                                   cash_sale([(self.shop.emping, 2)], 50000))
        line = sale.lines.get()
        self.client.force_login(self.shop.cashier)
        url = f"/kasir/{self.shop.coop.slug}/struk/{sale.number}/"
        page = self.client.post(url + "retur/", {f"line-{line.pk}": "1", "manager_pin": "9"},
                                follow=True).content.decode()
        self.assertIn("PIN ini bukan PIN manajer", page)
        page = self.client.post(url + "retur/", {f"line-{line.pk}": "1", "manager_pin": PIN,
                                                 "damaged": "1"}, follow=True).content.decode()
        self.assertIn("Rp25.000", page)
        sale.refresh_from_db()
        self.assertEqual((sale.refunded_total, sale.status), (25000, "partly_refunded"))
        self.assertEqual(Stock.objects.get(variant=self.shop.emping,
                                           location=self.shop.store_a).on_hand, 8)  # damaged
