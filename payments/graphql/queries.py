"""The cooperative's online payments and gateway settings in the API, for its staff."""

import graphene

from backend.accounts.permissions import Permission
from backend.graphql.core.connections import DjangoConnectionField
from backend.graphql.core.inputs import enum_value
from backend.graphql.core.permissions import permission_required, require_cooperative

from .. import selectors
from .types import (
    GatewaySettingsNode,
    PaymentAttemptNode,
    PaymentMethodOnlineEnum,
    PaymentProviderEnum,
    PaymentStateEnum,
)


class PaymentQueries(graphene.ObjectType):
    payments = DjangoConnectionField(
        PaymentAttemptNode, cooperative=graphene.String(), state=PaymentStateEnum(),
        provider=PaymentProviderEnum(), method=PaymentMethodOnlineEnum(),
        description="The cooperative's online payments, newest first: staff who handle "
                    "orders.")
    payment_gateway_settings = graphene.Field(GatewaySettingsNode,
                                              cooperative=graphene.String())

    @staticmethod
    @permission_required(Permission.MANAGE_ORDERS)
    def resolve_payments(root, info, cooperative=None, state=None, provider=None,
                         method=None, **kwargs):
        return selectors.payment_list(require_cooperative(info, cooperative),
                                      state=enum_value(state), provider=enum_value(provider),
                                      method=enum_value(method))

    @staticmethod
    @permission_required(Permission.MANAGE_COOPERATIVE)
    def resolve_payment_gateway_settings(root, info, cooperative=None):
        return GatewaySettingsNode.of(
            selectors.gateway_settings_of(require_cooperative(info, cooperative)))
