from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from backend.ratelimit import sign_in_allowed, sign_in_failed

from .selectors import user_by_login


class EmailOrPhoneBackend(ModelBackend):
    """Sign in with an email address or an Indonesian phone number (08..., 62..., +62...)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        username = username or kwargs.get("email") or kwargs.get("phone")
        if not username or password is None:
            return None
        if not sign_in_allowed(request):
            # Refused before any password is hashed: hashing is what an attacker would use
            # to tie up the server. PermissionDenied ends authenticate() for every backend.
            if request is not None:
                request.sign_in_throttled = True
            raise PermissionDenied
        user = user_by_login(username)
        if user is None:
            # Spend the same time as a real check so timing does not reveal accounts.
            get_user_model()().set_password(password)
        elif user.check_password(password) and self.user_can_authenticate(user):
            return user
        sign_in_failed(request)
        return None
