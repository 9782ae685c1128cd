"""The cooperative of the request, or any (operator)."""

import graphene

from backend.graphql.core.connections import DjangoConnectionField
from backend.graphql.core.permissions import operator_required, require_cooperative

from .. import selectors
from .types import CooperativeNode


class CooperativeQueries(graphene.ObjectType):
    cooperative = graphene.Field(
        CooperativeNode, slug=graphene.String(),
        description="A cooperative by slug; without one, the cooperative of the request "
                    "(its host name or X-Cooperative header).",
    )
    cooperatives = DjangoConnectionField(CooperativeNode, description="Operator only.")

    @staticmethod
    def resolve_cooperative(root, info, slug=None):
        return require_cooperative(info, slug)

    @staticmethod
    @operator_required
    def resolve_cooperatives(root, info, **kwargs):
        return selectors.cooperative_list()
