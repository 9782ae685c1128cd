import secrets

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.cooperatives.models import Cooperative

from .permissions import Role


def new_token_key() -> str:
    return secrets.token_urlsafe(16)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email=None, password=None, **extra):
        email = self.normalize_email(email).lower() if email else None
        user = self.model(email=email, **extra)
        user.set_password(password) if password else user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """One account per person, the same in every cooperative; roles are per cooperative.

    A person signs in with email or phone; at least one of them is set. `is_superuser`
    marks a platform operator, `is_staff` lets the operator into Django admin.
    """

    email = models.EmailField(_("email"), unique=True, null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=20, unique=True, null=True, blank=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    language = models.CharField(_("language"), max_length=5, default="id",
                                choices=[("id", "Bahasa Indonesia"), ("en", "English")])
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("Django admin access"), default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # Changing it invalidates every JWT issued before (after a password reset, say).
    jwt_token_key = models.CharField(max_length=32, default=new_token_key)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email__isnull=False) | models.Q(phone__isnull=False),
                name="user_has_email_or_phone",
            ),
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.email or self.phone or f"user {self.pk}"

    def clean(self):
        # Django admin saves through here: store logins as sign-in looks them up.
        from .phone import normalize_phone

        super().clean()
        self.email = self.email.strip().lower() if self.email else None
        if self.phone:
            self.phone = normalize_phone(self.phone)
        else:
            self.phone = None

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else str(self)

    @property
    def is_operator(self) -> bool:
        return self.is_active and self.is_superuser


class StaffMembership(models.Model):
    """A person's role in one cooperative's coop-mart."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="staff_memberships")
    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE,
                                    related_name="staff_members")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "cooperative"],
                                    name="one_staff_role_per_cooperative"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.cooperative}"


class CodePurpose(models.TextChoices):
    SIGN_IN = "sign_in", _("sign in")
    PASSWORD_RESET = "password_reset", _("password reset")
    ORDER_LOOKUP = "order_lookup", _("order lookup")


class OneTimeCode(models.Model):
    """A six-digit code sent to a phone or e-mail address, stored only as a keyed hash. One is
    made for every request, whether or not anyone is behind the address (`user` empty, nothing
    sent), so the answers cannot tell who has an account. `subject` narrows what the code opens
    (an order number for a guest's lookup)."""

    purpose = models.CharField(max_length=20, choices=CodePurpose.choices)
    target = models.CharField(max_length=254)  # +62... or a lower-case e-mail address
    subject = models.CharField(max_length=100, blank=True)
    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, null=True,
                                    blank=True, related_name="+")
    user = models.ForeignKey(User, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="+")
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    # Spent: used once, or replaced by a newer code to the same address. Wrong tries are
    # counted in the cache (backend/ratelimit.py), so a refused request's rollback keeps them.
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["purpose", "target", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.purpose} code for {self.target}"
