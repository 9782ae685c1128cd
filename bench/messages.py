"""10,000 order messages queued, then sent through the WhatsApp Cloud API emulator
(tests/emulators/whatsapp.py, real HTTP) by one Celery worker, which is killed (SIGKILL)
halfway and started again.

    .venv/bin/python bench/messages.py [--messages 10000]

Runs on its own PostgreSQL and Redis (embedded, or DATABASE_URL / REDIS_URL). Prints one
JSON line: queueing time, messages/s while sending, duplicates the emulator received (must be
0), and how the log ended (sent, failed, still sending).
"""

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time

from harness import ROOT, emit
from supplier_setup import bench_database

from tests.emulators.whatsapp import WhatsAppCloudEmulator

PHONE_NUMBER_ID, TOKEN = "106540352242922", "EAAG-bench"


def start_worker(log) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "celery", "-A", "backend", "worker",
                             "--pool", "solo", "--concurrency", "1", "--loglevel", "WARNING",
                             "--without-gossip", "--without-mingle", "--without-heartbeat"],
                            cwd=ROOT, env=os.environ.copy(), stdout=log,
                            stderr=subprocess.STDOUT)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()
    emulator = WhatsAppCloudEmulator(PHONE_NUMBER_ID, TOKEN, "secret").start()
    os.environ.update({"WHATSAPP_API_BASE": emulator.url, "MESSAGE_LIMIT_PER_RECIPIENT": "0",
                       "COOPMART_ENV": "development", "DEBUG": "0"})
    with bench_database("coopmart-bench-messages-"):
        from django.db import transaction

        from backend.cooperatives.models import Cooperative
        from messaging.delivery import messages_lost
        from messaging.models import Message
        from messaging.services import channel_settings_update, message_send
        from messaging.tasks import deliver_message
        from messaging.templates import whatsapp_template_definitions

        emulator.templates = {(t.name, t.language): t.body
                              for t in whatsapp_template_definitions()}  # as Meta approved
        cooperative = Cooperative.objects.create(name="Koperasi Bench", slug="bench")
        channel_settings_update(cooperative, channel_order=["whatsapp"],
                                whatsapp_phone_number_id=PHONE_NUMBER_ID, whatsapp_token=TOKEN)
        started = time.perf_counter()
        for start in range(0, args.messages, 500):
            with transaction.atomic():
                for n in range(start, min(args.messages, start + 500)):
                    message_send(cooperative, "order_placed_pickup",
                                 {"number": f"KB-2026-{n:06d}", "total": "Rp125.000",
                                  "code": f"{n % 1000000:06d}", "store": "Kopmart Pusat",
                                  "link": f"https://bench.test/pesanan/{n}/"},
                                 phone=f"+62812{n:08d}")
        figures = {"messages": args.messages,
                   "queue_s": round(time.perf_counter() - started, 2)}

        def sent() -> int:
            return Message.objects.exclude(state__in=["queued", "sending"]).count()

        log = open(tempfile.mktemp(prefix="bench-messages-worker-", suffix=".log"), "w")  # noqa: SIM115
        figures["worker_log"] = log.name
        deadline = time.monotonic() + args.timeout
        started = time.perf_counter()
        worker = start_worker(log)
        while sent() < args.messages // 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        worker.send_signal(signal.SIGKILL)  # mid-task, acks late
        worker.wait()
        figures["killed_after"] = sent()
        worker = start_worker(log)
        progress, still_since = sent(), time.monotonic()
        while progress < args.messages and time.monotonic() < deadline:
            time.sleep(0.5)
            if sent() != progress:
                progress, still_since = sent(), time.monotonic()
            elif time.monotonic() - still_since > 5:  # the queue ran dry: what beat does
                for message_id in messages_lost(stale_seconds=5):
                    deliver_message.delay(message_id)
                still_since = time.monotonic()
        elapsed = time.perf_counter() - started
        worker.send_signal(signal.SIGTERM)
        worker.wait(60)
        emulator.stop()
        received = len(emulator.inbox)
        figures.update({
            "send_s": round(elapsed, 2),
            "messages_per_s": round(sent() / elapsed, 1),
            "emulator_received": received,
            "duplicates": received - len({m["to"] for m in emulator.inbox}),
            "sent": Message.objects.filter(state="sent").count(),
            "failed": Message.objects.filter(state="failed").count(),
            "still_sending": Message.objects.filter(state="sending").count(),
            "worker": "1 Celery worker, solo pool, killed with SIGKILL halfway and restarted"})
    emit("messages", figures)


if __name__ == "__main__":
    main()
