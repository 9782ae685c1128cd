"""The root schema: each domain contributes its queries and mutations."""

import graphene

from backend.accounts.graphql.schema import AccountMutations, AccountQueries
from backend.cooperatives.graphql.schema import CooperativeMutations, CooperativeQueries
from catalog.graphql.schema import CatalogMutations, CatalogQueries


class Query(AccountQueries, CooperativeQueries, CatalogQueries, graphene.ObjectType):
    pass


class Mutation(AccountMutations, CooperativeMutations, CatalogMutations, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation)
