from urllib.parse import urlencode

from celery import shared_task
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from .models import StaffMembership, User


def password_set_link(user: User, redirect_url: str) -> str:
    token = default_token_generator.make_token(user)
    separator = "&" if "?" in redirect_url else "?"
    return f"{redirect_url}{separator}{urlencode({'email': user.email, 'token': token})}"


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_password_reset_email(user_id: int, redirect_url: str) -> None:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return
    with translation.override(user.language):
        context = {"user": user, "link": password_set_link(user, redirect_url)}
        subject = render_to_string("accounts/email/password_reset_subject.txt", context).strip()
        body = render_to_string("accounts/email/password_reset.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_staff_invitation(membership_id: int) -> None:
    membership = StaffMembership.objects.select_related("user", "cooperative").filter(
        pk=membership_id).first()
    if membership is None or not membership.user.email:
        return
    user = membership.user
    with translation.override(user.language):
        link = password_set_link(user, settings.PUBLIC_URL + settings.PASSWORD_SET_PATH)
        context = {"user": user, "membership": membership, "link": link}
        subject = render_to_string("accounts/email/staff_invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/staff_invitation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
