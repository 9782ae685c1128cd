"""Personal data under UU PDP 27/2022: who may see what, and a log of every disclosure."""

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
