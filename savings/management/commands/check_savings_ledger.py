from django.core.management.base import BaseCommand, CommandError

from savings.services.credit import credit_ledger_mismatches
from savings.services.ledger import ledger_mismatches


class Command(BaseCommand):
    help = ("Prove that every savings balance and every store-credit balance equals the sum "
            "of its ledger entries.")

    def handle(self, *args, **options):
        mismatches = ledger_mismatches()
        for account, moved in mismatches:
            self.stderr.write(f"{account.member.member_number} {account.kind.code}: balance "
                              f"{account.balance}, entries add up to {moved}")
        credit = credit_ledger_mismatches()
        for account, moved in credit:
            self.stderr.write(f"{account.member.member_number} credit: owes "
                              f"{account.balance}, entries add up to {moved}")
        if mismatches or credit:
            raise CommandError(f"{len(mismatches) + len(credit)} balances disagree with "
                               "their ledger")
        self.stdout.write(self.style.SUCCESS("Every savings and credit balance matches its "
                                             "entries."))
