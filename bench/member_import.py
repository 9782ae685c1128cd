"""The member register from a 100,000-row CSV: dry run, then apply, then the same file again.

    .venv/bin/python bench/member_import.py [--rows 100000]

Runs the import service in this process against its own PostgreSQL (embedded, or
DATABASE_URL) and prints one JSON line: seconds and peak memory of each step.
"""

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from harness import ROOT, emit

sys.path.insert(0, str(ROOT))


def register_csv(rows: int) -> bytes:
    rng = random.Random(7)
    first = ["Siti", "Budi", "Asep", "Euis", "Ujang", "Dewi", "Rahmat", "Neng", "Agus", "Yati"]
    last = ["Aminah", "Santoso", "Saepudin", "Nurhayati", "Sopandi", "Lestari", "Hidayat"]
    lines = ["No. Anggota;Nama;NIK;No. HP;Tanggal Masuk;Status;Kategori;Wajib s/d;"
             "Simpanan Pokok;Simpanan Wajib;Simpanan Sukarela"]
    prefixes = ["0812", "0813", "0852", "0857", "0878"]
    for n in range(rows):
        phone = f"{rng.choice(prefixes)}{rng.randrange(10**7, 10**8)}"
        joined = f"{rng.randrange(1, 28):02d}/0{rng.randrange(1, 9)}/20{rng.randrange(10, 25)}"
        lines.append(
            f"A-{n:06d};{rng.choice(first)} {rng.choice(last)};"
            f"3604{rng.randrange(10**11, 10**12):012d};"
            f"{phone};{joined};anggota;Reguler;2026-{rng.randrange(1, 12):02d};"
            f"100000;{rng.randrange(1, 50) * 25000};{rng.randrange(0, 40) * 10000}")
    return ("\n".join(lines) + "\n").encode()


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    from backend.stack import data_services

    var_dir = Path(tempfile.mkdtemp(prefix="coopmart-bench-members-"))
    with data_services(var_dir, durable=False) as env:
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "backend.settings"
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        from backend.cooperatives.models import Cooperative
        from members.models import Member
        from members.services.register import register_import, rows_from_file

        cooperative = Cooperative.objects.create(name="Koperasi Bench", slug="bench")
        content = register_csv(args.rows)
        figures = {"rows": args.rows, "file_mb": round(len(content) / 2**20, 1),
                   "baseline_peak_mb": peak_mb()}

        def step(name, dry_run):
            started = time.perf_counter()
            report = register_import(cooperative, rows_from_file(content, "anggota.csv"),
                                     dry_run=dry_run)
            assert not report.errors, report.errors[:3]
            figures[f"{name}_s"] = round(time.perf_counter() - started, 2)
            figures[f"{name}_peak_mb"] = peak_mb()
            return report

        step("dry_run", True)
        report = step("apply", False)
        assert Member.objects.count() == args.rows and len(report.created) == args.rows
        again = step("same_file_again", False)
        assert again.unchanged == args.rows
    emit("member_import", figures)


if __name__ == "__main__":
    main()
