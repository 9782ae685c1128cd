import json
import logging

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView
from graphql import GraphQLError, specified_rules

from .core.errors import error_field, error_message, query_error_code, validation_items
from .core.limits import query_limit_rules
from .core.upload import place_files

logger = logging.getLogger(__name__)


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
    def format_error(error):
        """Top-level errors carry a code, and no internals: a ValidationError raised outside
        a mutation reads as its messages (not Python's dict text), and an unexpected
        exception is logged and answered as INTERNAL_ERROR."""
        if not isinstance(error, GraphQLError):
            return GraphQLView.format_error(error)
        original = error.original_error
        formatted = error.formatted
        if original is None:
            # The document itself is wrong (syntax, unknown field, null for a non-null).
            formatted.setdefault("extensions", {}).setdefault("code",
                                                              "GRAPHQL_VALIDATION_FAILED")
            return formatted
        if isinstance(original, GraphQLError):
            return formatted
        if isinstance(original, ValidationError):
            items = validation_items(original)
            field, first = items[0]
            formatted["message"] = " ".join(error_message(item) for _f, item in items)
            formatted["extensions"] = {"code": query_error_code(first.code),
                                       "field": error_field(field)}
        elif isinstance(original, AssertionError):
            # graphene-django's paging checks (`first` missing or above 100) speak to clients.
            formatted["extensions"] = {"code": "INVALID"}
        else:
            logger.error("GraphQL resolver failed", exc_info=original)
            formatted["message"] = _("Something went wrong on our side; it has been logged.")
            formatted["extensions"] = {"code": "INTERNAL_ERROR"}
        return formatted

    @staticmethod
    def _csrf_ok(request) -> bool:
        return CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}) is None


def _view():
    return csrf_exempt(CoopMartGraphQLView.as_view(
        graphiql=settings.DEBUG,
        validation_rules=(*specified_rules, *query_limit_rules()),
    ))


graphql_view = _view()
