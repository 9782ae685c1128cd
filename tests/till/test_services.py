"""The till's services on a real PostgreSQL: shifts, sales recorded once per client id, the
same books as online orders (stock ledger, patronage, seller credit), refunds with a
manager's PIN. The shop is built once for the class; each test runs in its own savepoint."""

import uuid

from django.core.exceptions import ValidationError
from django.test import TestCase

from inventory.models import Stock, StockMovement
from inventory.selectors import stock_discrepancies
from inventory.services import Line, ledger_mismatches, stock_allocate
from members.models import PatronageEntry
from orders.models import PayoutEntry
from till.models import TillPayment, TillSale, TillSaleLine
from till.selectors import shift_expected, till_member_find, variant_by_barcode
from till.services.refunds import till_sale_refund
from till.services.sales import LineInput, PaymentInput, SaleInput, till_sale_create
from till.services.shifts import till_cash_move, till_shift_close, till_shift_open

from .builders import PIN, build_shop, cash_sale


def codes(error: ValidationError) -> set[str]:
    return {e.code for items in error.error_dict.values() for e in items}


class TillServices(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.shop = build_shop()
        cls.shift = till_shift_open(cls.shop.store_a, cls.shop.cashier, opening_float=200000)

    def on_hand(self, variant):
        return Stock.objects.get(variant=variant, location=self.shop.store_a).on_hand

    def test_a_cashier_of_store_a_cannot_open_a_till_at_store_b_or_another_cooperative(self):
        for place in (self.shop.store_b, self.shop.other_store):
            with self.assertRaises(ValidationError) as caught:
                till_shift_open(place, self.shop.cashier)
            self.assertEqual(codes(caught.exception), {"not_your_store"})
        with self.assertRaises(ValidationError) as caught:
            till_shift_open(self.shop.store_a, self.shop.cashier)
        self.assertEqual(codes(caught.exception), {"shift_already_open"})
        self.assertTrue(till_shift_open(self.shop.store_b, self.shop.manager).is_open)

    def test_a_sale_is_recorded_once_with_the_same_books_as_an_order(self):
        data = cash_sale([(self.shop.emping, 2), (self.shop.kopi, 1)], 80000, 100000)
        sale, created = till_sale_create(self.shift, self.shop.cashier, data)
        self.assertTrue(created)
        self.assertEqual((sale.total, sale.change), (80000, 20000))
        again, created = till_sale_create(self.shift, self.shop.cashier, data)
        self.assertFalse(created)
        self.assertEqual(again.pk, sale.pk)
        self.assertEqual(TillSale.objects.count(), 1)
        self.assertEqual(TillSaleLine.objects.count(), 2)
        self.assertEqual(TillPayment.objects.count(), 1)
        self.assertEqual(self.on_hand(self.shop.emping), 8)
        self.assertEqual(ledger_mismatches(self.shop.coop), [])
        entry = PatronageEntry.objects.get(reference=f"till:{sale.number}")
        self.assertEqual((entry.amount, entry.member), (80000, None))
        credits = PayoutEntry.objects.filter(reference=f"till:{sale.number}")
        self.assertEqual(sorted(c.gross for c in credits), [30000, 50000])
        self.assertEqual(sum(c.amount for c in credits), 72000)  # less 10 % commission

    def test_a_member_pays_member_prices_and_a_lapsed_member_is_told_why_not(self):
        found = till_member_find(self.shop.coop, "a-0042")
        self.assertEqual(found, self.shop.member)
        self.assertEqual(till_member_find(self.shop.coop, "0812-3456-0042"), self.shop.member)
        sale, _ = till_sale_create(self.shift, self.shop.cashier, cash_sale(
            [(self.shop.emping, 1)], 22500, member=found))
        self.assertTrue(sale.lines.get().is_member_price)
        self.assertEqual((sale.total, sale.member_savings), (22500, 2500))
        self.assertEqual(PatronageEntry.objects.get(reference=f"till:{sale.number}").member,
                         self.shop.member)
        lapsed, _ = till_sale_create(self.shift, self.shop.cashier, cash_sale(
            [(self.shop.emping, 1)], 25000, member=self.shop.lapsed))
        self.assertFalse(lapsed.member_eligible)
        self.assertIn("tertunggak", lapsed.member_price_note)

    def test_stock_goes_below_zero_only_at_the_counter_and_shows_as_a_discrepancy(self):
        till_sale_create(self.shift, self.shop.cashier,
                         cash_sale([(self.shop.kopi, 12)], 360000))
        self.assertEqual(self.on_hand(self.shop.kopi), -2)
        self.assertEqual([s.variant for s in stock_discrepancies(self.shop.coop)],
                         [self.shop.kopi])
        self.assertEqual(ledger_mismatches(self.shop.coop), [])
        stock = Stock.objects.get(variant=self.shop.kopi, location=self.shop.store_a)
        with self.assertRaises(ValidationError):  # online checkout never oversells
            stock_allocate("order:X", [Line(stock.pk, 1)])

    def test_price_barcodes_of_a_scale_carry_the_price(self):
        match = variant_by_barcode(self.shop.coop, "2012345123458")
        self.assertEqual((match.variant, match.embedded_price), (self.shop.beras, 12345))
        self.assertEqual(variant_by_barcode(self.shop.coop, "emp-250").variant,
                         self.shop.emping)
        self.assertIsNone(variant_by_barcode(self.shop.coop, "2012345123459"))  # check digit
        data = SaleInput(str(uuid.uuid4()), [LineInput(self.shop.beras, 1,
                                                       barcode="2012345123458")],
                         [PaymentInput("card", 12345, approval_code="A1B2C3")])
        sale, _ = till_sale_create(self.shift, self.shop.cashier, data)
        self.assertEqual(sale.total, 12345)

    def test_bad_payments_and_discounts_without_a_pin_change_nothing(self):
        cases = [
            (cash_sale([(self.shop.emping, 1)], 20000), "payment_short"),
            (cash_sale([(self.shop.emping, 1)], 25000, 10000), "payment_short"),
            (SaleInput(str(uuid.uuid4()), [LineInput(self.shop.emping)],
                       [PaymentInput("card", 25000)]), "approval_code_required"),
            (SaleInput(str(uuid.uuid4()), [LineInput(self.shop.emping, discount=5000)],
                       [PaymentInput("cash", 20000)]), "manager_pin_required"),
            (SaleInput(str(uuid.uuid4()), [LineInput(self.shop.emping, discount=5000)],
                       [PaymentInput("cash", 20000)], manager_pin="0000"),
             "manager_pin_wrong"),
            (SaleInput(str(uuid.uuid4()), [LineInput(self.shop.emping, voided=True)],
                       [PaymentInput("cash", 1)]), "empty_sale"),
        ]
        for data, code in cases:
            with self.assertRaises(ValidationError) as caught:
                till_sale_create(self.shift, self.shop.cashier, data)
            self.assertIn(code, codes(caught.exception))
        self.assertEqual(TillSale.objects.count(), 0)
        self.assertEqual(StockMovement.objects.filter(kind="sale").count(), 0)
        data = SaleInput(str(uuid.uuid4()), [
            LineInput(self.shop.emping, discount=5000), LineInput(self.shop.kopi, voided=True)],
            [PaymentInput("qris", 10000), PaymentInput("cash", 10000, 50000)], manager_pin=PIN)
        sale, _ = till_sale_create(self.shift, self.shop.cashier, data)
        self.assertEqual((sale.total, sale.change, sale.discount), (20000, 40000, 5000))
        self.assertEqual(self.on_hand(self.shop.kopi), 10)  # the voided line left no mark

    def test_a_refund_needs_a_managers_pin_and_reverses_everything(self):
        sale, _ = till_sale_create(self.shift, self.shop.cashier, cash_sale(
            [(self.shop.emping, 2)], 45000, member=self.shop.member))
        line = sale.lines.get()
        for pin, code in (("", "manager_pin_required"), ("1111", "manager_pin_wrong")):
            with self.assertRaises(ValidationError) as caught:
                till_sale_refund(sale, self.shop.cashier, quantities={line.pk: 1},
                                 manager_pin=pin)
            self.assertEqual(codes(caught.exception), {code})
        refund = till_sale_refund(sale, self.shop.cashier, quantities={line.pk: 1},
                                  manager_pin=PIN, reason="kemasan sobek")
        self.assertEqual((refund.amount, refund.method, refund.approved_by),
                         (22500, "cash", self.shop.manager))
        self.assertEqual(self.on_hand(self.shop.emping), 9)
        self.assertEqual(sum(PatronageEntry.objects.filter(
            member=self.shop.member).values_list("amount", flat=True)), 22500)
        credits = PayoutEntry.objects.filter(line_key=f"till:{line.pk}")
        self.assertEqual(sum(c.amount for c in credits), 20250)  # one of two units, less 10 %
        with self.assertRaises(ValidationError) as caught:
            till_sale_refund(sale, self.shop.cashier, quantities={line.pk: 2}, manager_pin=PIN)
        self.assertEqual(codes(caught.exception), {"refund_too_much"})
        self.assertEqual(ledger_mismatches(self.shop.coop), [])

    def test_a_shift_closes_once_against_the_cash_expected(self):
        till_sale_create(self.shift, self.shop.cashier,
                         cash_sale([(self.shop.emping, 1)], 25000, 50000))
        till_cash_move(self.shift, self.shop.cashier, amount=-10000, reason="beli plastik")
        self.assertEqual(shift_expected(self.shift)["cash"], 215000)
        with self.assertRaises(ValidationError) as caught:
            till_shift_close(self.shift, self.shop.cashier, counted_cash=214000)
        self.assertEqual(codes(caught.exception), {"reason_required"})
        closed = till_shift_close(self.shift, self.shop.cashier, counted_cash=214000,
                                  reason="uang receh kurang")
        self.assertEqual(closed.difference, -1000)
        with self.assertRaises(ValidationError) as caught:
            till_shift_close(self.shift, self.shop.cashier, counted_cash=215000)
        self.assertEqual(codes(caught.exception), {"shift_closed"})
