from axes.middleware import AxesMiddleware

from .jwt import ACCESS, TokenError, user_from_token

BEARER_PREFIXES = ("bearer ", "jwt ")


class JWTAuthenticationMiddleware:
    """An `Authorization: Bearer <access token>` header signs the request in as its user.

    A bad token leaves the request anonymous and records why in `request.jwt_error`, so the
    API can tell the client to refresh instead of silently treating it as a guest.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.jwt_authenticated = False
        request.jwt_error = None
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if header.lower().startswith(BEARER_PREFIXES):
            token = header.split(" ", 1)[1].strip()
            try:
                request.user = user_from_token(token, ACCESS)
                request.jwt_authenticated = True
            except TokenError as error:
                from django.contrib.auth.models import AnonymousUser

                request.user = AnonymousUser()
                request.jwt_error = error
        return self.get_response(request)


class WebSignInLockoutMiddleware(AxesMiddleware):
    """django-axes' lockout page for web sign-in forms. The API reports a lockout as a
    THROTTLED entry in the mutation's `errors` instead of a 429 page."""

    def __call__(self, request):
        if request.path.startswith("/graphql"):
            return self.get_response(request)
        return super().__call__(request)
