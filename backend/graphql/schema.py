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
from reports.graphql.schema import ReportMutations, ReportQueries
from savings.graphql.schema import SavingsMutations, SavingsQueries
from suppliers.graphql.schema import SupplierMutations, SupplierQueries
from till.graphql.schema import TillMutations, TillQueries


class Query(AccountQueries, CooperativeQueries, CatalogQueries, MemberQueries,
            InventoryQueries, CheckoutQueries, SupplierQueries, JobQueries,
            MessagingQueries, PaymentQueries, TillQueries, SavingsQueries, ReportQueries,
            graphene.ObjectType):
    pass


class Mutation(AccountMutations, CooperativeMutations, CatalogMutations, MemberMutations,
               InventoryMutations, CheckoutMutations, SupplierMutations, MessagingMutations,
               PaymentMutations, TillMutations, SavingsMutations, ReportMutations,
               graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation)
