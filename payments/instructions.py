"""How to pay a virtual account, step by step, at an ATM, in the bank's app and on its
internet banking: the shopper's words (gettext; Bahasa Indonesia first). The menu names are
the banks' own, as their ATMs and apps show them, so they are data, not translated."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from backend.money import format_rupiah


@dataclass(frozen=True)
class Bank:
    name: str
    atm_menu: str
    app: str
    app_menu: str
    site: str
    site_menu: str


BANKS = {
    "bca": Bank("BCA", "Transaksi Lainnya > Transfer > ke Rek BCA Virtual Account",
                "BCA mobile", "m-Transfer > BCA Virtual Account", "klikbca.com",
                "Transfer Dana > Transfer ke BCA Virtual Account"),
    "bni": Bank("BNI", "Menu Lainnya > Transfer > Virtual Account Billing", "BNI Mobile Banking",
                "Transfer > Virtual Account Billing", "ibank.bni.co.id",
                "Transfer > Virtual Account Billing"),
    "bri": Bank("BRI", "Transaksi Lain > Pembayaran > Lainnya > BRIVA", "BRImo",
                "Pembayaran > BRIVA", "ib.bri.co.id", "Pembayaran > BRIVA"),
    "mandiri": Bank("Mandiri", "Bayar/Beli > Lainnya > Multi Payment", "Livin' by Mandiri",
                    "Bayar > Buat Pembayaran Baru > Multipayment",
                    "ibank.bankmandiri.co.id", "Pembayaran > Multi Payment"),
    "permata": Bank("Permata", "Transaksi Lainnya > Pembayaran > Pembayaran Lainnya > "
                    "Virtual Account", "PermataMobile X", "Bayar Tagihan > Virtual Account",
                    "new.permatanet.com", "Pembayaran Tagihan > Virtual Account"),
}


def va_steps(instructions: dict, amount: int, payee: str) -> list[tuple[str, list[str]]]:
    """[(where, [steps])] for the bank of a virtual account."""
    bank = BANKS.get(instructions.get("bank", ""))
    if bank is None:
        return []
    number, biller = instructions.get("va_number", ""), instructions.get("biller_code", "")
    enter = _("Enter the company code %(biller)s, then the bill number %(number)s.") % {
        "biller": biller, "number": number} if biller else \
        _("Enter the virtual account number %(number)s.") % {"number": number}
    check = _("Check that the amount is %(amount)s and the name is %(name)s, then confirm "
              "with your PIN.") % {"amount": format_rupiah(amount), "name": payee}
    done = _("Keep the receipt. This page shows Paid within a minute.")
    return [
        (_("At a %(bank)s ATM") % {"bank": bank.name}, [
            _("Insert your card and enter your PIN."),
            _("Choose %(menu)s.") % {"menu": bank.atm_menu}, enter, check, done]),
        (_("Mobile banking (%(app)s)") % {"app": bank.app}, [
            _("Open the %(app)s app and sign in.") % {"app": bank.app},
            _("Choose %(menu)s.") % {"menu": bank.app_menu}, enter, check, done]),
        (_("Internet banking (%(site)s)") % {"site": bank.site}, [
            _("Sign in at %(site)s.") % {"site": bank.site},
            _("Choose %(menu)s.") % {"menu": bank.site_menu}, enter, check, done]),
    ]
