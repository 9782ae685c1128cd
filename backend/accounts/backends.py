from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .selectors import user_by_login


class EmailOrPhoneBackend(ModelBackend):
    """Sign in with an email address or an Indonesian phone number (08..., 62..., +62...)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        username = username or kwargs.get("email") or kwargs.get("phone")
        if not username or password is None:
            return None
        user = user_by_login(username)
        if user is None:
            # Spend the same time as a real check so timing does not reveal accounts.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
