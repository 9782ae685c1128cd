"""Reject abusive queries before they run: too long, too deep, too costly, too many aliases,
root fields or sign-in attempts, or introspection by a caller who may not see the schema.

Cost is counted as a field 1 (introspection fields and `__typename` too), plus 1 per
directive, times the page size (`first`/`last`) of the connection it is inside; a page size
given as a variable counts as the maximum page size. Fields whose work is far more than
reading a value cost more: a search (a `search` argument, or a type-ahead field)
GRAPHQL_SEARCH_COST, the whole schema (`__schema`, some 300 KB of answer) GRAPHQL_SCHEMA_COST.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from graphene.validation import depth_limit_validator
from graphql import GraphQLError, ValidationRule, parse
from graphql.language import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
)

PAGE_ARGUMENTS = ("first", "last")
SEARCH_ARGUMENTS = ("search",)
SEARCH_FIELDS = ("searchSuggestions",)
# Mutations that check or hash a password (Argon2 on purpose slow) or try a one-time code: one
# per request, so aliases cannot turn one request into thousands of hashes or code guesses.
PASSWORD_FIELDS = ("tokenCreate", "passwordChange", "setPassword", "accountRegister",
                   "tokenCreateWithCode", "setPasswordWithCode", "orderLookupOpen")


def request_refusal(query, variables) -> GraphQLError | None:
    """Checks before the document is validated: its length in tokens (the lexer stops at the
    limit, so a megabyte of repeated directives costs milliseconds, not seconds), and NUL
    characters, which PostgreSQL text cannot hold (refused once here, for every field)."""
    if not query or not isinstance(query, str):
        return None
    try:
        parse(query, no_location=True, max_tokens=settings.GRAPHQL_MAX_TOKENS)
    except GraphQLError as error:
        if "Parsing aborted" in error.message:
            return GraphQLError(
                f"This request is longer than the limit of {settings.GRAPHQL_MAX_TOKENS} "
                "tokens.", extensions={"code": "QUERY_TOO_LARGE"})
    if "\x00" in query or "\\u0000" in query or _has_nul(variables):
        return GraphQLError(str(_("Text may not contain NUL (\\u0000) characters.")),
                            extensions={"code": "INVALID_CHARACTER"})
    return None


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _page_size(field: FieldNode) -> int:
    for argument in field.arguments or ():
        if argument.name.value in PAGE_ARGUMENTS:
            if isinstance(argument.value, IntValueNode):
                return max(1, int(argument.value.value))
            return settings.GRAPHENE["RELAY_CONNECTION_MAX_LIMIT"]
    return 1


def _field_cost(field: FieldNode) -> int:
    cost = 1 + len(field.directives or ())
    if field.name.value in SEARCH_FIELDS or any(
            argument.name.value in SEARCH_ARGUMENTS for argument in field.arguments or ()):
        cost += settings.GRAPHQL_SEARCH_COST
    if field.name.value == "__schema":
        cost += settings.GRAPHQL_SCHEMA_COST
    return cost


def _fragments(context) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in context.document.definitions
            if isinstance(d, FragmentDefinitionNode)}


def _fields(selection_set, fragments, seen=frozenset()):
    """The fields of a selection set, fragments spread out (each fragment once per path)."""
    if selection_set is None:
        return
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield selection
        elif isinstance(selection, InlineFragmentNode):
            yield from _fields(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name not in seen and name in fragments:
                yield from _fields(fragments[name].selection_set, fragments, seen | {name})


def _refusal(message: str, node, code: str, **extensions) -> GraphQLError:
    return GraphQLError(message, node, extensions={"code": code, **extensions})


def cost_limit_validator(max_cost: int | None = None):
    """The cost rule; without `max_cost`, GRAPHQL_MAX_COST as it is when a query arrives."""

    class CostLimitValidator(ValidationRule):
        def __init__(self, context):
            super().__init__(context)
            self.fragments = _fragments(context)

        def enter_operation_definition(self, node, *_args):
            limit = settings.GRAPHQL_MAX_COST if max_cost is None else max_cost
            cost = self._cost(node.selection_set) + len(node.directives or ())
            if cost > limit:
                self.report_error(_refusal(
                    f"This query costs {cost}, more than the limit of {limit}. Ask for "
                    "fewer fields or smaller pages.", node, "QUERY_TOO_COSTLY", cost=cost))

        def _cost(self, selection_set) -> int:
            return sum(_field_cost(field) + _page_size(field) * self._cost(field.selection_set)
                       for field in _fields(selection_set, self.fragments))

    return CostLimitValidator


class RequestShapeValidator(ValidationRule):
    """Caps that no cost formula catches: aliases (each a repeat of work), root fields, and
    password checks per operation."""

    def __init__(self, context):
        super().__init__(context)
        self.fragments = _fragments(context)

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
        roots = list(_fields(node.selection_set, self.fragments))
        aliases = self._aliases(node.selection_set)
        if len(roots) > settings.GRAPHQL_MAX_ROOT_FIELDS:
            self.report_error(_refusal(
                f"This request asks for {len(roots)} top-level fields, more than the limit of "
                f"{settings.GRAPHQL_MAX_ROOT_FIELDS}. Send several requests.", node,
                "TOO_MANY_ROOT_FIELDS"))
        if aliases > settings.GRAPHQL_MAX_ALIASES:
            self.report_error(_refusal(
                f"This request uses {aliases} aliases, more than the limit of "
                f"{settings.GRAPHQL_MAX_ALIASES}.", node, "TOO_MANY_ALIASES"))
        if node.operation == OperationType.MUTATION:
            tries = sum(1 for field in roots if field.name.value in PASSWORD_FIELDS)
            if tries > 1:
                self.report_error(_refusal(
                    "Only one sign-in or password mutation is allowed per request.", node,
                    "TOO_MANY_SIGN_IN_ATTEMPTS"))

    def _aliases(self, selection_set) -> int:
        return sum((field.alias is not None) + self._aliases(field.selection_set)
                   for field in _fields(selection_set, self.fragments))


def query_limit_rules():
    return (
        depth_limit_validator(max_depth=settings.GRAPHQL_MAX_DEPTH),
        cost_limit_validator(),
        RequestShapeValidator,
    )
