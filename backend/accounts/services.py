"""Accounts: registration, signing in, passwords and staff roles."""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from backend import outbox
from backend.accounts.error_codes import AccountErrorCode
from backend.cooperatives.models import Cooperative
from backend.error_codes import CommonErrorCode
from backend.ratelimit import send_check
from backend.validation import Problems

from . import jwt as tokens
from .codes import Recipient, code_issue, code_target, code_use, sending_cooperative
from .models import CodePurpose, StaffMembership, User, new_token_key
from .permissions import Role
from .phone import looks_like_email, normalize_phone
from .selectors import normalize_login, user_by_login


def _clean_email(problems: Problems, email: str | None, *, exclude: User | None = None):
    email = (email or "").strip().lower() or None
    if email is None:
        return None
    try:
        validate_email(email)
    except ValidationError:
        problems.add("email", _("Enter a valid email address."), CommonErrorCode.INVALID)
        return None
    if User.objects.filter(email=email).exclude(pk=getattr(exclude, "pk", None)).exists():
        problems.add("email", _("An account with this email already exists."),
                     CommonErrorCode.UNIQUE)
    return email


def _clean_phone(problems: Problems, phone: str | None, *, exclude: User | None = None):
    if not (phone or "").strip():
        return None
    try:
        phone = normalize_phone(phone)
    except ValidationError as error:
        problems.merge("phone", error)
        return None
    if User.objects.filter(phone=phone).exclude(pk=getattr(exclude, "pk", None)).exists():
        problems.add("phone", _("An account with this phone number already exists."),
                     CommonErrorCode.UNIQUE)
    return phone


def _check_password(problems: Problems, password: str, user: User | None = None,
                    field: str = "password") -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        problems.merge(field, error)


@transaction.atomic
def account_register(*, password: str, email: str | None = None, phone: str | None = None,
                     full_name: str = "", language: str = "id") -> User:
    problems = Problems()
    email = _clean_email(problems, email)
    phone = _clean_phone(problems, phone)
    if not email and not phone and not problems:
        problems.add("email", _("Enter an email address or a phone number."),
                     CommonErrorCode.REQUIRED)
    candidate = User(email=email, phone=phone, full_name=full_name.strip())
    _check_password(problems, password or "", candidate)
    if language not in dict(settings.LANGUAGES):
        problems.add("language", _("Choose Bahasa Indonesia (id) or English (en)."),
                     CommonErrorCode.INVALID)
    problems.raise_if_any()
    return User.objects.create_user(email=email, password=password, phone=phone,
                                    full_name=full_name.strip(), language=language)


def sign_in(request, login: str, password: str) -> User:
    """The user for these credentials; failed tries are counted and throttled (django-axes)."""
    login = normalize_login(login)
    user = authenticate(request=request, username=login, password=password)
    if user is not None:
        return user
    if getattr(request, "axes_locked_out", False) or getattr(request, "sign_in_throttled",
                                                                 False):
        raise ValidationError({"login": ValidationError(
            _("Too many failed sign-ins. Wait a few minutes and try again."),
            code=AccountErrorCode.THROTTLED)})
    raise ValidationError({"login": ValidationError(
        _("The email/phone or password is wrong."), code=AccountErrorCode.INVALID_CREDENTIALS)})


# -- one-time codes ------------------------------------------------------------------------
def _active_user_at(target: str) -> User | None:
    field = "email" if looks_like_email(target) else "phone"
    return User.objects.filter(**{field: target}, is_active=True).first()


def _code_to(user: User | None, target: str, template: str, **extra) -> Recipient | None:
    """The code goes to the address the person typed, and only if it is an account's."""
    if user is None:
        return None
    where = {"email": target} if looks_like_email(target) else {"phone": target}
    return Recipient(template, language=user.language, extra=extra, **where)


def sign_in_code_request(login: str, *, cooperative: Cooperative | None = None,
                         client: str = "unknown") -> None:
    """Send a sign-in code to this phone (WhatsApp, else SMS) or e-mail. Answers the same
    whether or not an account has it."""
    target = code_target(login)
    user = _active_user_at(target)
    code_issue(CodePurpose.SIGN_IN, target, cooperative=cooperative, client=client,
               user=user, recipient=_code_to(user, target, "code_sign_in"))


def sign_in_with_code(login: str, code: str, *, client: str = "unknown") -> User:
    """The account a right, fresh, unused sign-in code opens."""
    row = code_use(CodePurpose.SIGN_IN, code_target(login), code, client=client)
    if row.user is None or not row.user.is_active:  # cannot match: nothing was sent
        raise ValidationError({"code": ValidationError(
            _("The code is wrong. Check the message and try again."),
            code=AccountErrorCode.INVALID_CODE)})
    return row.user


def tokens_for(user: User) -> dict:
    return {"token": tokens.create_access_token(user),
            "refresh_token": tokens.create_refresh_token(user)}


def token_refresh(refresh_token: str) -> tuple[User, str]:
    try:
        user = tokens.user_from_token(refresh_token, tokens.REFRESH)
    except tokens.TokenError as error:
        raise ValidationError(
            {"refresh_token": ValidationError(error.message, code=error.code)}) from None
    return user, tokens.create_access_token(user)


def token_verify(token: str) -> User:
    try:
        return tokens.user_from_token(token, tokens.ACCESS)
    except tokens.TokenError as error:
        raise ValidationError(
            {"token": ValidationError(error.message, code=error.code)}) from None


@transaction.atomic
def password_change(user: User, old_password: str, new_password: str) -> User:
    problems = Problems()
    if not user.check_password(old_password or ""):
        problems.add("old_password", _("The current password is wrong."),
                     AccountErrorCode.INVALID_PASSWORD)
    _check_password(problems, new_password or "", user, field="new_password")
    problems.raise_if_any()
    user.set_password(new_password)
    user.jwt_token_key = new_token_key()  # other devices must sign in again
    user.save(update_fields=["password", "jwt_token_key", "updated_at"])
    return user


def _valid_redirect(url: str | None, cooperative: Cooperative | None) -> str:
    """Password links may only lead to our own storefronts: the configured client hosts and
    the host names of the cooperative the request is for (set by the operator)."""
    if not url:
        return settings.PUBLIC_URL + settings.PASSWORD_SET_PATH
    parts = urlsplit(url)
    allowed_hosts = set(settings.ALLOWED_CLIENT_HOSTS) | set(
        cooperative.host_names if cooperative else [])
    tricky = "@" in parts.netloc or "\\" in url or parts.username or parts.password
    if tricky or parts.scheme not in {"http", "https"} or (
            (parts.hostname or "").lower() not in allowed_hosts):
        raise ValidationError({"redirect_url": ValidationError(
            _("This address is not allowed for password links."),
            code=AccountErrorCode.INVALID_REDIRECT_URL)})
    return url


def password_set_link(user: User, redirect_url: str) -> str:
    token = default_token_generator.make_token(user)
    separator = "&" if "?" in redirect_url else "?"
    return f"{redirect_url}{separator}{urlencode({'email': user.email, 'token': token})}"


def password_reset_request(login: str, redirect_url: str | None = None,
                           cooperative: Cooperative | None = None,
                           client: str = "unknown") -> None:
    """To an e-mail address, a link to set a new password; to a phone number, a code by
    WhatsApp or SMS (then `password_set_with_code`). Says nothing about whether the account
    exists: the limits per login and per client address (`client`) apply the same to a login
    nobody has."""
    redirect_url = _valid_redirect(redirect_url, cooperative)
    target = code_target(login)
    user = _active_user_at(target)
    if not looks_like_email(target):
        code_issue(CodePurpose.PASSWORD_RESET, target, cooperative=cooperative, client=client,
                   user=user, recipient=_code_to(user, target, "code_password_reset"))
        return
    send_check("password-reset", target, client, "login")
    if user is None:
        return
    outbox.message_send(sending_cooperative(cooperative, user), "password_reset_link",
                        {"link": password_set_link(user, redirect_url)},
                        email=user.email, language=user.language)


def password_set_with_code(login: str, code: str, password: str, *,
                           client: str = "unknown") -> User:
    """A new password with the code sent to the phone; signs out every other device. The
    password is checked first, so a weak one does not spend the code."""
    target = code_target(login)
    problems = Problems()
    _check_password(problems, password or "", _active_user_at(target))
    problems.raise_if_any()
    row = code_use(CodePurpose.PASSWORD_RESET, target, code, client=client)
    if row.user is None or not row.user.is_active:
        raise ValidationError({"code": ValidationError(
            _("The code is wrong. Check the message and try again."),
            code=AccountErrorCode.INVALID_CODE)})
    user = User.objects.select_for_update().get(pk=row.user_id)
    user.set_password(password)
    user.jwt_token_key = new_token_key()
    user.save(update_fields=["password", "jwt_token_key", "updated_at"])
    return user


@transaction.atomic
def password_set(email: str, token: str, password: str) -> User:
    user = User.objects.select_for_update().filter(email=(email or "").strip().lower()).first()
    if user is None or not default_token_generator.check_token(user, token):
        raise ValidationError({"token": ValidationError(
            _("This password link is invalid or has expired. Ask for a new one."),
            code=AccountErrorCode.INVALID_TOKEN)})
    problems = Problems()
    _check_password(problems, password or "", user)
    problems.raise_if_any()
    user.set_password(password)
    user.jwt_token_key = new_token_key()  # sign out every device
    user.save(update_fields=["password", "jwt_token_key", "updated_at"])
    return user


# -- staff -----------------------------------------------------------------------------------
def _clean_role(role: str) -> str:
    if role not in Role.values:
        raise ValidationError({"role": ValidationError(_("Unknown role."),
                                                       code=CommonErrorCode.INVALID)})
    return role


def _find_or_invite(login: str, full_name: str) -> tuple[User, bool]:
    user = user_by_login(login)
    if user is not None:
        return user, False
    problems = Problems()
    if not looks_like_email(login):
        # A new person is invited by e-mail to set a password; a number alone cannot be.
        problems.add("login", _("This number has no account yet. Enter the person's email "
                                "so they get an invitation."), CommonErrorCode.INVALID)
        problems.raise_if_any()
    email, phone = _clean_email(problems, login), None
    if problems:
        problems.errors["login"] = problems.errors.pop("email")
    problems.raise_if_any()
    return User.objects.create_user(email=email, phone=phone, full_name=full_name.strip()), True


@transaction.atomic
def staff_member_add(cooperative: Cooperative, *, login: str, role: str,
                     full_name: str = "") -> StaffMembership:
    role = _clean_role(role)
    if not (login or "").strip():
        raise ValidationError({"login": ValidationError(
            _("Enter the person's email or phone number."), code=CommonErrorCode.REQUIRED)})
    user, invited = _find_or_invite(login, full_name)
    if StaffMembership.objects.filter(user=user, cooperative=cooperative).exists():
        raise ValidationError({"login": ValidationError(
            _("This person is already staff of this cooperative."),
            code=AccountErrorCode.ALREADY_STAFF)})
    membership = StaffMembership.objects.create(user=user, cooperative=cooperative, role=role)
    if invited and user.email:
        outbox.message_send(cooperative, "staff_invitation", {
            "cooperative": cooperative.name, "role": membership.get_role_display(),
            "link": password_set_link(user, settings.PUBLIC_URL + settings.PASSWORD_SET_PATH)},
            email=user.email, phone=user.phone or "", language=user.language)
    return membership


def _lock_cooperative(cooperative_id: int) -> None:
    # Staff changes of one cooperative take turns, so two managers demoting each other
    # cannot leave it without a manager, nor deadlock.
    Cooperative.objects.select_for_update().filter(pk=cooperative_id).first()


def _ensure_a_manager_remains(cooperative: Cooperative, leaving: StaffMembership) -> None:
    managers = StaffMembership.objects.filter(
        cooperative=cooperative, role=Role.MANAGER).exclude(pk=leaving.pk)
    if leaving.role == Role.MANAGER and not managers.exists():
        raise ValidationError({"id": ValidationError(
            _("A cooperative needs at least one manager."), code=AccountErrorCode.LAST_MANAGER)})


@transaction.atomic
def staff_member_update(membership: StaffMembership, *, role: str) -> StaffMembership:
    role = _clean_role(role)
    _lock_cooperative(membership.cooperative_id)
    membership = StaffMembership.objects.select_for_update().get(pk=membership.pk)
    if role != Role.MANAGER:
        _ensure_a_manager_remains(membership.cooperative, membership)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def staff_member_remove(membership: StaffMembership) -> None:
    _lock_cooperative(membership.cooperative_id)
    membership = StaffMembership.objects.select_for_update().get(pk=membership.pk)
    _ensure_a_manager_remains(membership.cooperative, membership)
    membership.delete()
