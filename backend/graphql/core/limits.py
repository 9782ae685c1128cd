"""Reject abusive queries before they run: too deep, or too costly.

Cost is counted as a field 1, times the page size (`first`/`last`) of the connection it is
inside; a page size given as a variable counts as the maximum page size.
"""

from django.conf import settings
from graphene.validation import depth_limit_validator
from graphql import GraphQLError, ValidationRule
from graphql.language import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    IntValueNode,
)

PAGE_ARGUMENTS = ("first", "last")


def _page_size(field: FieldNode) -> int:
    for argument in field.arguments or ():
        if argument.name.value in PAGE_ARGUMENTS:
            if isinstance(argument.value, IntValueNode):
                return max(1, int(argument.value.value))
            return settings.GRAPHENE["RELAY_CONNECTION_MAX_LIMIT"]
    return 1


def cost_limit_validator(max_cost: int):
    class CostLimitValidator(ValidationRule):
        def __init__(self, context):
            super().__init__(context)
            self.fragments = {
                d.name.value: d for d in context.document.definitions
                if isinstance(d, FragmentDefinitionNode)
            }

        def enter_operation_definition(self, node, *_args):
            cost = self._cost(node.selection_set, frozenset())
            if cost > max_cost:
                self.report_error(GraphQLError(
                    f"This query costs {cost}, more than the limit of {max_cost}. Ask for "
                    "fewer fields or smaller pages.",
                    node, extensions={"code": "QUERY_TOO_COSTLY", "cost": cost},
                ))

        def _cost(self, selection_set, seen_fragments) -> int:
            if selection_set is None:
                return 0
            total = 0
            for selection in selection_set.selections:
                if isinstance(selection, FieldNode):
                    if selection.name.value.startswith("__"):
                        continue
                    inner = self._cost(selection.selection_set, seen_fragments)
                    total += 1 + _page_size(selection) * inner
                elif isinstance(selection, InlineFragmentNode):
                    total += self._cost(selection.selection_set, seen_fragments)
                elif isinstance(selection, FragmentSpreadNode):
                    name = selection.name.value
                    if name in seen_fragments or name not in self.fragments:
                        continue
                    total += self._cost(self.fragments[name].selection_set,
                                        seen_fragments | {name})
            return total

    return CostLimitValidator


def query_limit_rules():
    return (
        depth_limit_validator(max_depth=settings.GRAPHQL_MAX_DEPTH),
        cost_limit_validator(settings.GRAPHQL_MAX_COST),
    )
