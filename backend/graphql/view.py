import json
import logging

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.utils import OperationalError
from django.http import HttpResponse, HttpResponseBadRequest
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView, HttpError
from graphql import ExecutionResult, GraphQLError, specified_rules
from graphql.validation import NoSchemaIntrospectionCustomRule

from backend.accounts.selectors import is_staff_anywhere

from .core.errors import error_field, error_message, query_error_code, validation_items
from .core.limits import query_limit_rules, request_refusal
from .core.upload import place_files
from .response_cache import remember, remembered, response_key

logger = logging.getLogger("backend.graphql")


class CoopMartGraphQLView(GraphQLView):
    """The API view: query limits on top of the standard validation, and CSRF-safe sessions.

    API clients authenticate with a bearer token. A browser session also works, but only for
    POST requests that pass Django's CSRF check, so another site cannot act, nor read, with a
    visitor's cookie: a GET (a link or an image on another site) always runs as a guest.
    """

    def dispatch(self, request, *args, **kwargs):
        if (not getattr(request, "jwt_authenticated", False) and request.user.is_authenticated
                and (request.method != "POST" or not self._csrf_ok(request))):
            request.user = AnonymousUser()
        if not _may_introspect(request.user):
            self.validation_rules = (*self.validation_rules, NoSchemaIntrospectionCustomRule)
        key = response_key(request, _plain_request_data(request))
        if key is not None and (body := remembered(key)) is not None:
            response = HttpResponse(body, content_type="application/json")
            response["X-Answered-From"] = "memory"
            return response
        response = super().dispatch(request, *args, **kwargs)
        if (key is not None and response.status_code == 200
                and response.get("Content-Type", "").startswith("application/json")
                and b'"errors"' not in response.content):
            remember(key, response.content)
        return response

    def parse_body(self, request):
        if request.content_type == "multipart/form-data" and "operations" in request.POST:
            try:
                operations = json.loads(request.POST["operations"])
                mapping = json.loads(request.POST.get("map") or "{}")
                return place_files(operations, mapping, request.FILES)
            except (ValueError, KeyError, IndexError, TypeError) as error:
                raise HttpError(HttpResponseBadRequest(
                    f"Malformed multipart GraphQL request: {error}")) from None
        return super().parse_body(request)

    def execute_graphql_request(self, request, data, query, variables, operation_name,
                                show_graphiql=False):
        refusal = request_refusal(query, variables)
        if refusal is not None:
            return ExecutionResult(errors=[refusal])
        return super().execute_graphql_request(request, data, query, variables, operation_name,
                                               show_graphiql)

    @staticmethod
    def format_error(error):
        """Errors as clients see them, each with a code: what we raised for them as is, a
        mistake in the document as GRAPHQL_VALIDATION_FAILED, a ValidationError outside a
        mutation as its messages (not Python's dict text), and never the text of an
        unexpected exception (it can carry SQL, paths or data); that is logged instead."""
        original = getattr(error, "original_error", None)
        if isinstance(error, GraphQLError) and original is None:
            formatted = error.formatted
            formatted.setdefault("extensions", {}).setdefault("code",
                                                              "GRAPHQL_VALIDATION_FAILED")
            return formatted
        if isinstance(error, GraphQLError) and isinstance(original, GraphQLError):
            return error.formatted
        if _written_for_clients(original):
            return error.formatted | {"extensions": {"code": "INVALID"}}
        formatted = {"message": str(_("Something went wrong on our side. Please try again."))}
        if isinstance(error, GraphQLError):
            formatted |= {key: value for key, value in error.formatted.items()
                          if key in ("locations", "path")}
        code = "INTERNAL_ERROR"
        if isinstance(original, ValidationError):
            items = validation_items(original)
            formatted["message"] = " ".join(error_message(item) for _field, item in items)
            field, first = items[0]
            formatted["extensions"] = {"code": query_error_code(first.code),
                                       "field": error_field(field)}
            return formatted
        if _is_statement_timeout(original):
            formatted["message"] = str(_("This request took too long and was stopped. Ask for "
                                         "less at once, or try again later."))
            code = "REQUEST_TIMEOUT"
            logger.warning("GraphQL request stopped by the statement timeout: %s", original)
        else:
            logger.error("Unexpected error in a GraphQL request", exc_info=original or error)
        formatted["extensions"] = {"code": code}
        return formatted

    @staticmethod
    def _csrf_ok(request) -> bool:
        return CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}) is None


def _plain_request_data(request) -> dict:
    """The query, variables and operation name of a GET or a JSON POST ({} for anything else,
    which is then always executed)."""
    if request.method == "GET":
        return request.GET.dict()
    if request.content_type != "application/json":
        return {}
    try:
        data = json.loads(request.body)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _may_introspect(user) -> bool:
    """The schema is public in development and for staff; in production a guest or shopper
    gets no introspection (GRAPHQL_PUBLIC_INTROSPECTION turns it back on)."""
    return settings.GRAPHQL_PUBLIC_INTROSPECTION or is_staff_anywhere(user)


# Libraries whose ValueErrors are messages to API clients ("Requesting first 101 records
# exceeds the limit of 100", "You must provide a `first` or `last` value").
CLIENT_MESSAGE_LIBRARIES = {"graphene", "graphene_django", "graphql_relay", "query_optimizer"}


def _written_for_clients(error) -> bool:
    if not isinstance(error, ValueError):
        return False
    frame = error.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    module = frame.tb_frame.f_globals.get("__name__", "") if frame else ""
    return module.split(".")[0] in CLIENT_MESSAGE_LIBRARIES


def _is_statement_timeout(error) -> bool:
    cause = getattr(error, "__cause__", None)
    return isinstance(error, OperationalError) and getattr(cause, "sqlstate", "") == "57014"


def _view():
    return csrf_exempt(CoopMartGraphQLView.as_view(
        graphiql=settings.GRAPHIQL,
        validation_rules=(*specified_rules, *query_limit_rules()),
    ))


graphql_view = _view()
