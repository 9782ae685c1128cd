import json

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView
from graphql import specified_rules

from .core.limits import query_limit_rules
from .core.upload import place_files


class CoopMartGraphQLView(GraphQLView):
    """The API view: query limits on top of the standard validation, and CSRF-safe sessions.

    API clients authenticate with a bearer token. A browser session also works, but only for
    requests that pass Django's CSRF check, so another site cannot act with a visitor's
    cookie.
    """

    def dispatch(self, request, *args, **kwargs):
        if (request.method == "POST" and not getattr(request, "jwt_authenticated", False)
                and request.user.is_authenticated and not self._csrf_ok(request)):
            request.user = AnonymousUser()
        return super().dispatch(request, *args, **kwargs)

    def parse_body(self, request):
        if request.content_type == "multipart/form-data" and "operations" in request.POST:
            try:
                operations = json.loads(request.POST["operations"])
                mapping = json.loads(request.POST.get("map") or "{}")
                return place_files(operations, mapping, request.FILES)
            except (ValueError, KeyError, IndexError, TypeError) as error:
                from django.http import HttpResponseBadRequest
                from graphene_django.views import HttpError

                raise HttpError(HttpResponseBadRequest(
                    f"Malformed multipart GraphQL request: {error}")) from None
        return super().parse_body(request)

    @staticmethod
    def _csrf_ok(request) -> bool:
        return CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}) is None


def _view():
    return csrf_exempt(CoopMartGraphQLView.as_view(
        graphiql=settings.DEBUG,
        validation_rules=(*specified_rules, *query_limit_rules()),
    ))


graphql_view = _view()
