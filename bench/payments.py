"""1,000 Midtrans payment notifications processed (with 20% duplicates and 10% out of
order: a stale "pending" notice arriving after the "settlement" one), then reconciliation of
1,000 pending attempts whose notifications were lost, against the Midtrans emulator
(tests/emulators/midtrans.py, real HTTP through the official midtransclient).

    .venv/bin/python bench/payments.py [--payments 1000]

Each notification goes through the real view (Django's test client, in process): signature
check, record-once, the status API asked, the attempt applied. The payable is a bench kind
whose handler counts how often it is told "paid" (orders' handler does the same through the
same hook), so double-applied payments are counted exactly. Runs on its own PostgreSQL.
Prints one JSON line.
"""

import argparse
import os
import random
import statistics
import time

from harness import emit
from supplier_setup import bench_database

from tests.emulators.midtrans import MidtransEmulator

SERVER_KEY = "SB-Mid-server-bench"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--payments", type=int, default=1000)
    args = parser.parse_args()
    emulator = MidtransEmulator().start()
    emulator.merchant(SERVER_KEY)
    os.environ.update({"MIDTRANS_API_BASE": emulator.url, "COOPMART_ENV": "development",
                       "DEBUG": "0", "MESSAGE_LIMIT_PER_RECIPIENT": "0"})
    with bench_database("coopmart-bench-payments-"):
        from django.test import Client

        from backend.cooperatives.models import Cooperative
        from payments.hooks import PayableHandler, payable_register
        from payments.models import AttemptState, PaymentAttempt
        from payments.services import (
            gateway_settings_update,
            payment_attempt_create,
            payment_attempts_reconcile,
        )

        told: list[int] = []

        class BenchPayable(PayableHandler):
            def paid(self, attempt):
                told.append(attempt.pk)
                return ""

            def expired(self, attempt):
                return None

        payable_register("bench", BenchPayable())
        cooperative = Cooperative.objects.create(name="Koperasi Bench", slug="bench")
        gateway_settings_update(cooperative, provider="midtrans", midtrans_server_key=SERVER_KEY,
                                methods=["qris", "va_bca", "gopay"])

        def attempts(start: int, count: int) -> list:
            return [payment_attempt_create(
                cooperative, payable_kind="bench", payable_id=start + n, amount=25000 + n,
                method=("qris", "va_bca", "gopay")[n % 3]) for n in range(count)]

        began = time.perf_counter()
        batch = attempts(0, args.payments)
        create_seconds = time.perf_counter() - began
        stale, notices = {}, []
        for n, attempt in enumerate(batch):
            tx = emulator.transactions[(SERVER_KEY, attempt.reference)]
            if n % 10 == 0:  # 10 %: the "pending" notice will arrive after "settlement"
                stale[n] = emulator.notification_body(SERVER_KEY, tx)
            emulator.simulate_pay(attempt.reference, notify=False)
            notices.append(emulator.notifications[-1][1])
        rng = random.Random(17)
        stream = notices + [notices[n] for n in rng.sample(range(len(notices)),
                                                           len(notices) // 5)]  # 20 % twice
        rng.shuffle(stream)
        stream += [stale[n] for n in sorted(stale)]  # late and out of order
        client = Client()
        timings, outcomes = [], {}
        for body in stream:
            started = time.perf_counter()
            response = client.post("/payments/bench/midtrans/notification/", body,
                                   content_type="application/json")
            timings.append((time.perf_counter() - started) * 1000)
            outcomes[response.content.decode()] = outcomes.get(
                response.content.decode(), 0) + 1
        paid = PaymentAttempt.objects.filter(payable_kind="bench",
                                             state=AttemptState.PAID).count()
        told_by_notifications = len(told)

        lost = attempts(args.payments, args.payments)
        for attempt in lost:
            emulator.simulate_pay(attempt.reference, notify=False)  # never notified
        from datetime import timedelta

        from django.utils import timezone

        began = time.perf_counter()
        found = payment_attempts_reconcile(now=timezone.now() + timedelta(hours=1))
        reconcile_seconds = time.perf_counter() - began
        timings.sort()
        emit("payments", {
            "notifications": len(stream), "duplicates": len(notices) // 5,
            "out_of_order": len(stale), "outcomes": outcomes,
            "notification_ms_p50": round(statistics.median(timings), 1),
            "notification_ms_p95": round(timings[int(len(timings) * 0.95) - 1], 1),
            "paid": paid, "told_paid": told_by_notifications,
            "double_applied": len(told) - len(set(told)),
            "attempts_created_per_s": round(args.payments / create_seconds, 1),
            "reconciled": found, "reconcile_pending": len(lost),
            "reconcile_seconds": round(reconcile_seconds, 2)})
    emulator.stop()


if __name__ == "__main__":
    main()
