"""A cooperative of 20,000 members with five years of monthly dues (about 1.2 million
ledger entries): arrears for every member, the RAT pack (figures, PDF and XLSX), 10,000
random ledger movements through the service and the balance check, and peak memory.

    .venv/bin/python bench/savings.py [--members 20000] [--movements 10000]

Goals (issue 19): arrears for all <= 2 s, RAT pack <= 20 s, peak memory <= 400 MB.
Runs against its own PostgreSQL (embedded, or DATABASE_URL); prints one JSON line.
"""

import argparse
import datetime
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from harness import ROOT, emit

sys.path.insert(0, str(ROOT))


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


FILL = """
INSERT INTO members_member (cooperative_id, member_number, full_name, nik_encrypted, nik_hash,
    nik_last4, phone, email, address, date_joined, status, category, savings_pokok,
    savings_wajib, savings_sukarela, is_active, card_version, created_at, updated_at)
SELECT %(coop)s, 'B-' || lpad(g::text, 6, '0'), 'Anggota ' || g, '', '', '', '', '', '',
    DATE '2021-01-01' + ((g %% 12) || ' months')::interval + ((g %% 28) || ' days')::interval,
    'anggota', '', 0, 0, 0, true, 1, now(), now()
FROM generate_series(1, %(members)s) g;

CREATE TEMP TABLE paid AS
SELECT m.id AS member_id, m.date_joined,
    GREATEST(0, (2025 - extract(year FROM m.date_joined)::int) * 12
        + 12 - extract(month FROM m.date_joined)::int + 1
        - CASE WHEN m.id %% 7 = 0 THEN m.id %% 5 + 1 ELSE 0 END) AS months
FROM members_member m WHERE m.cooperative_id = %(coop)s;

INSERT INTO savings_savingsaccount (cooperative_id, member_id, kind_id, balance,
    balance_at_settlement, updated_at)
SELECT %(coop)s, member_id, %(wajib)s, months * 25000, 0, now() FROM paid;

INSERT INTO savings_savingsentry (cooperative_id, account_id, member_id, kind_id, entry_type,
    amount, balance_after, booked_on, channel, reason, reference, idempotency_key, created_at)
SELECT %(coop)s, a.id, p.member_id, %(wajib)s, 'deposit', 25000, 25000 * g,
    (date_trunc('month', p.date_joined) + ((g - 1) || ' months')::interval
     + interval '4 days')::date, 'payroll', '', '', '', now()
FROM paid p JOIN savings_savingsaccount a ON a.member_id = p.member_id AND a.kind_id = %(wajib)s,
    generate_series(1, p.months) g;

INSERT INTO members_patronageentry (cooperative_id, member_id, fiscal_year, amount, reference,
    recorded_at)
SELECT %(coop)s, member_id, 2025, 50000 + (member_id %% 40) * 12500, 'order:' || member_id,
    now() FROM paid;
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--movements", type=int, default=10_000)
    args = parser.parse_args()
    from backend.stack import data_services

    var_dir = Path(tempfile.mkdtemp(prefix="coopmart-bench-savings-"))
    with data_services(var_dir, durable=False) as env:
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "backend.settings"
        # The RAT pack and the arrears run in workers, under the jobs' statement timeout.
        os.environ["STATEMENT_TIMEOUT_MS"] = "600000"
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        from django.db import connection

        from backend.cooperatives.models import Cooperative
        from members.models import Member
        from reports.services.documents import rat_pdf, rat_xlsx
        from reports.services.rat import rat_figures
        from savings.models import EntryType, SavingsEntry
        from savings.services.dues import dues_statuses
        from savings.services.dues_settings import dues_rate_set
        from savings.services.ledger import (
            Movement,
            ledger_mismatches,
            savings_kinds_ensure,
            savings_record,
        )

        coop = Cooperative.objects.create(name="Koperasi Bench", slug="bench-savings")
        kinds = savings_kinds_ensure(coop)
        dues_rate_set(coop, category="", amount=25000, valid_from=datetime.date(2020, 1, 1))
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(FILL, {"coop": coop.pk, "members": args.members,
                                  "wajib": kinds["wajib"].pk})
            cursor.execute("ANALYZE")
        figures = {"members": args.members, "entries": SavingsEntry.objects.count(),
                   "fill_s": round(time.perf_counter() - started, 1),
                   "baseline_peak_mb": peak_mb()}

        started = time.perf_counter()
        statuses = dues_statuses(coop, datetime.date(2026, 1, 5))
        figures["arrears_all_s"] = round(time.perf_counter() - started, 2)
        figures["members_in_arrears"] = sum(1 for s in statuses.values() if s.arrears)
        assert len(statuses) == args.members

        started = time.perf_counter()
        pack = rat_figures(coop, 2025, surplus=1_500_000_000)
        figures["rat_figures_s"] = round(time.perf_counter() - started, 2)
        pdf_started = time.perf_counter()
        pdf = rat_pdf(pack)
        figures["rat_pdf_s"] = round(time.perf_counter() - pdf_started, 2)
        xlsx = rat_xlsx(pack)
        figures["rat_pack_s"] = round(time.perf_counter() - started, 2)
        figures["rat_pdf_mb"] = round(len(pdf) / 2**20, 1)
        figures["rat_xlsx_mb"] = round(len(xlsx) / 2**20, 1)
        shares = pack["shu"]["shares"]
        assert sum(s["total"] for s in shares) == pack["shu"]["pools"]["jasa_anggota"] + \
            pack["shu"]["pools"]["jasa_modal"]

        rng = random.Random(19)
        members = list(Member.objects.of(coop).order_by("?")[:200])
        started = time.perf_counter()
        refused = 0
        for _step in range(args.movements):
            kind = kinds[rng.choice(["pokok", "wajib", "sukarela"])]
            move = rng.choice([Movement(EntryType.DEPOSIT, rng.randrange(1, 100) * 1000),
                               Movement(EntryType.WITHDRAWAL, rng.randrange(1, 100) * 1000),
                               Movement(EntryType.CORRECTION, rng.randrange(-50, 50) * 1000
                                        or 1000, reason="bench")])
            try:
                savings_record(rng.choice(members), kind, move, mirror=False)
            except django.core.exceptions.ValidationError:
                refused += 1
        figures["movements"] = args.movements
        figures["movements_refused"] = refused
        figures["movements_per_s"] = round(args.movements / (time.perf_counter() - started))
        started = time.perf_counter()
        figures["ledger_mismatches"] = len(ledger_mismatches(coop))
        figures["ledger_check_s"] = round(time.perf_counter() - started, 2)
        figures["peak_mb"] = peak_mb()
    emit("savings", figures)


if __name__ == "__main__":
    main()
