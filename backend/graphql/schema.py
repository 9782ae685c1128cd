"""The root schema: each domain contributes its queries and mutations."""

import graphene

from backend.accounts.graphql.schema import AccountMutations, AccountQueries
from backend.cooperatives.graphql.schema import CooperativeMutations, CooperativeQueries


class Query(AccountQueries, CooperativeQueries, graphene.ObjectType):
    pass


class Mutation(AccountMutations, CooperativeMutations, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation)
