"""Personal data under UU PDP 27/2022: who may see what, and a log of every disclosure."""

from django.db import transaction
from django.utils import timezone

from backend.accounts.permissions import Permission
from backend.accounts.selectors import has_permission
from backend.crypto import decrypt

from ..models import Member, PersonalDataAccess


def can_manage_register(user, cooperative) -> bool:
    return has_permission(user, cooperative, Permission.MANAGE_MEMBERS)


def member_nik_reveal(member: Member, actor) -> str:
    """The full NIK, for a manager who asks; the viewing is logged."""
    PersonalDataAccess.objects.create(cooperative_id=member.cooperative_id, actor=actor,
                                      member=member, action=PersonalDataAccess.Action.NIK_VIEWED)
    return decrypt(member.nik_encrypted)


def log_access(cooperative, actor, action: str, detail: str = "", member=None) -> None:
    PersonalDataAccess.objects.create(cooperative=cooperative, actor=actor, member=member,
                                      action=action, detail=detail[:255])


EXPORT_HEADERS = ["No. Anggota", "Nama", "NIK", "No. HP", "Email", "Alamat", "Tanggal Masuk",
                  "Status", "Kategori", "Wajib s/d", "Simpanan Pokok", "Simpanan Wajib",
                  "Simpanan Sukarela", "Aktif"]


def register_export(cooperative, actor, *, file_format: str = "csv",
                    include_nik: bool = False) -> tuple[str, str, bytes]:
    """The register in the columns an import reads; NIK masked unless asked for. Logged."""
    from backend.spreadsheets import write_csv, write_xlsx

    rows = []
    for m in Member.objects.of(cooperative).order_by("member_number").iterator(chunk_size=2000):
        rows.append({
            "No. Anggota": m.member_number, "Nama": m.full_name,
            "NIK": decrypt(m.nik_encrypted) if include_nik else m.nik_masked,
            "No. HP": m.phone, "Email": m.email, "Alamat": m.address,
            "Tanggal Masuk": m.date_joined.isoformat() if m.date_joined else "",
            "Status": m.status, "Kategori": m.category,
            "Wajib s/d": m.dues_paid_until.strftime("%Y-%m") if m.dues_paid_until else "",
            "Simpanan Pokok": m.savings_pokok, "Simpanan Wajib": m.savings_wajib,
            "Simpanan Sukarela": m.savings_sukarela, "Aktif": "ya" if m.is_active else "tidak",
        })
    log_access(cooperative, actor, PersonalDataAccess.Action.REGISTER_EXPORTED,
               f"{len(rows)} members, {file_format}, NIK {'full' if include_nik else 'masked'}")
    name = f"anggota-{cooperative.slug}"
    if file_format == "xlsx":
        return (f"{name}.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                write_xlsx(EXPORT_HEADERS, rows, "Anggota"))
    return f"{name}.csv", "text/csv", write_csv(EXPORT_HEADERS, rows)


def own_data(member: Member, actor) -> dict:
    """Everything the cooperative holds about a member, for the member to download."""
    log_access(member.cooperative, actor, PersonalDataAccess.Action.OWN_DATA_DOWNLOADED,
               member=member)
    return {
        "cooperative": member.cooperative.name,
        "member_number": member.member_number, "full_name": member.full_name,
        "nik": decrypt(member.nik_encrypted), "phone": member.phone, "email": member.email,
        "address": member.address,
        "date_joined": member.date_joined.isoformat() if member.date_joined else None,
        "status": member.status, "category": member.category,
        "dues_paid_until": member.dues_paid_until.isoformat() if member.dues_paid_until
        else None,
        "savings": {"pokok": member.savings_pokok, "wajib": member.savings_wajib,
                    "sukarela": member.savings_sukarela},
        "linked_account": {"email": actor.email, "phone": actor.phone},
        "disclosures": [
            {"action": a.action, "at": a.created_at.isoformat()}
            for a in PersonalDataAccess.objects.filter(member=member).order_by("created_at")],
    }


@transaction.atomic
def member_anonymise(member: Member, actor) -> Member:
    """A member's request for deletion: personal data is erased and the membership ended;
    the member number, savings and purchase records stay, as cooperative law requires."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    member.full_name = f"Anggota {member.member_number} (dihapus)"
    member.nik_encrypted = member.nik_hash = member.nik_last4 = ""
    member.phone = member.email = member.address = ""
    member.user, member.linked_at = None, None
    member.card_version += 1
    member.is_active, member.deactivated_at = False, timezone.now()
    member.anonymised_at = timezone.now()
    member.save()
    log_access(member.cooperative, actor, PersonalDataAccess.Action.ANONYMISED, member=member)
    return member
