"""Ledgers are append-only (the database refuses to change or remove an entry), and the
balances the member register held become each member's opening entries."""

from django.db import migrations
from django.utils import timezone

APPEND_ONLY = """
CREATE OR REPLACE FUNCTION savings_ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ledger entries are append-only: add a correction instead';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER savings_entry_append_only BEFORE UPDATE OR DELETE ON savings_savingsentry
    FOR EACH ROW EXECUTE FUNCTION savings_ledger_append_only();
CREATE TRIGGER credit_entry_append_only BEFORE UPDATE OR DELETE ON savings_creditentry
    FOR EACH ROW EXECUTE FUNCTION savings_ledger_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS savings_entry_append_only ON savings_savingsentry;
DROP TRIGGER IF EXISTS credit_entry_append_only ON savings_creditentry;
DROP FUNCTION IF EXISTS savings_ledger_append_only();
"""
KINDS = (("pokok", "Simpanan pokok", False, False, "savings_pokok"),
         ("wajib", "Simpanan wajib", True, False, "savings_wajib"),
         ("sukarela", "Simpanan sukarela", False, True, "savings_sukarela"))


def opening_entries(apps, schema_editor):
    Member = apps.get_model("members", "Member")
    Kind = apps.get_model("savings", "SavingsKind")
    Account = apps.get_model("savings", "SavingsAccount")
    Entry = apps.get_model("savings", "SavingsEntry")
    today = timezone.localdate()
    cooperatives = Member.objects.values_list("cooperative_id", flat=True).distinct()
    for cooperative_id in cooperatives:
        kinds = {}
        for code, name, is_dues, withdrawable, _column in KINDS:
            kinds[code], _created = Kind.objects.get_or_create(
                cooperative_id=cooperative_id, code=code,
                defaults={"name": name, "is_dues": is_dues, "withdrawable": withdrawable,
                          "is_builtin": True})
        members = Member.objects.filter(cooperative_id=cooperative_id).values(
            "pk", "dues_paid_until", "savings_pokok", "savings_wajib", "savings_sukarela")
        for member in members.iterator(chunk_size=2000):
            for code, _name, _dues, _withdrawable, column in KINDS:
                settle = member["dues_paid_until"] if code == "wajib" else None
                if not member[column] and settle is None:
                    continue
                account = Account.objects.create(
                    cooperative_id=cooperative_id, member_id=member["pk"], kind=kinds[code],
                    balance=member[column], settled_until=settle,
                    balance_at_settlement=member[column] if settle else 0)
                Entry.objects.create(
                    cooperative_id=cooperative_id, account=account, member_id=member["pk"],
                    kind=kinds[code], entry_type="opening", amount=member[column],
                    balance_after=member[column], booked_on=today, settles_until=settle,
                    reason="Saldo awal dari register anggota")


class Migration(migrations.Migration):
    dependencies = [("savings", "0001_initial"), ("members", "0002_shucalculation_shushare_patronageentry")]

    operations = [
        migrations.RunSQL(APPEND_ONLY, DROP),
        migrations.RunPython(opening_entries, migrations.RunPython.noop),
    ]
