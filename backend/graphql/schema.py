"""The root schema: each domain contributes its queries and mutations."""

import graphene

from backend.accounts.graphql.schema import AccountMutations, AccountQueries
from backend.cooperatives.graphql.schema import CooperativeMutations, CooperativeQueries
from backend.jobs.graphql import JobQueries
from catalog.graphql.schema import CatalogMutations, CatalogQueries
from inventory.graphql.schema import InventoryMutations, InventoryQueries
from members.graphql.schema import MemberMutations, MemberQueries
from messaging.graphql.schema import MessagingMutations, MessagingQueries
from orders.graphql.schema import CheckoutMutations, CheckoutQueries
from payments.graphql.schema import PaymentMutations, PaymentQueries
from suppliers.graphql.schema import SupplierMutations, SupplierQueries


class Query(AccountQueries, CooperativeQueries, CatalogQueries, MemberQueries,
            InventoryQueries, CheckoutQueries, SupplierQueries, JobQueries,
            MessagingQueries, PaymentQueries, graphene.ObjectType):
    pass


class Mutation(AccountMutations, CooperativeMutations, CatalogMutations, MemberMutations,
               InventoryMutations, CheckoutMutations, SupplierMutations, MessagingMutations,
               PaymentMutations, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation)
