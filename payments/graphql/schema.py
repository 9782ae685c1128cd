"""The payments domain's part of the root schema: its queries and mutations, assembled."""

import graphene

from .mutations.payments import PaymentConfirm, PaymentGatewaySettingsUpdate, PaymentRefund
from .queries import PaymentQueries


class PaymentMutations(graphene.ObjectType):
    payment_gateway_settings_update = PaymentGatewaySettingsUpdate.Field()
    payment_confirm = PaymentConfirm.Field()
    payment_refund = PaymentRefund.Field()


__all__ = ["PaymentMutations", "PaymentQueries"]
