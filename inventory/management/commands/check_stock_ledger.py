from django.core.management.base import BaseCommand, CommandError

from inventory.services import ledger_mismatches


class Command(BaseCommand):
    help = "Prove that each stock's on-hand count equals the sum of its movements."

    def handle(self, *args, **options):
        mismatches = ledger_mismatches()
        for stock, moved in mismatches:
            self.stderr.write(f"{stock.variant.sku} at {stock.location.name}: on hand "
                              f"{stock.on_hand}, movements add up to {moved}")
        if mismatches:
            raise CommandError(f"{len(mismatches)} stock counts disagree with the ledger")
        self.stdout.write(self.style.SUCCESS("Every stock count matches its movements."))
