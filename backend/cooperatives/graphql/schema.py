"""The cooperatives' part of the root schema: its queries and mutations, assembled."""

import graphene

from .mutations.cooperatives import CooperativeCreate, CooperativeUpdate
from .queries import CooperativeQueries


class CooperativeMutations(graphene.ObjectType):
    cooperative_create = CooperativeCreate.Field()
    cooperative_update = CooperativeUpdate.Field()


__all__ = ["CooperativeMutations", "CooperativeQueries"]
