"""How the cooperative reaches people (channel settings), and sending a failed message
again."""

import graphene

from backend.accounts.permissions import Permission
from backend.graphql.core.ids import node_for
from backend.graphql.core.inputs import enum_value, input_dict
from backend.graphql.core.mutations import BaseMutation

from ... import services
from ..types import ChannelSettingsNode, MessageChannelEnum, MessageNode, MessagingError


class MessagingSettingsInput(graphene.InputObjectType):
    channel_order = graphene.List(graphene.NonNull(MessageChannelEnum))
    whatsapp_phone_number_id = graphene.String()
    whatsapp_token = graphene.String(description="Stored encrypted, never shown again.")
    whatsapp_app_secret = graphene.String(description="Stored encrypted, never shown again.")
    whatsapp_verify_token = graphene.String()
    sms_provider = graphene.String(description='"twilio"')
    sms_account = graphene.String()
    sms_key = graphene.String(description="Stored encrypted, never shown again.")
    sms_sender = graphene.String()


class MessagingSettingsUpdate(BaseMutation):
    settings = graphene.Field(ChannelSettingsNode)

    class Arguments:
        cooperative = graphene.String()
        input = MessagingSettingsInput(required=True)

    class Meta:
        description = "How the cooperative reaches people: WhatsApp, SMS, their order."
        error_type = MessagingError
        permission = Permission.MANAGE_COOPERATIVE

    @classmethod
    def perform_mutation(cls, root, info, input, cooperative=None):
        data = input_dict(input)
        if data.get("channel_order") is not None:
            data["channel_order"] = [enum_value(c) for c in data["channel_order"]]
        stored = services.channel_settings_update(
            cls.get_cooperative(info, cooperative=cooperative), **data)
        return cls(settings=ChannelSettingsNode.from_settings(stored), errors=[])


class MessageRetry(BaseMutation):
    message = graphene.Field(MessageNode)

    class Arguments:
        id = graphene.ID(required=True)
        cooperative = graphene.String()

    class Meta:
        description = "Send a failed message again."
        error_type = MessagingError
        permission = Permission.MANAGE_COOPERATIVE

    @classmethod
    def perform_mutation(cls, root, info, id, cooperative=None):
        message = node_for(info, id, MessageNode,
                           cooperative=cls.get_cooperative(info, cooperative=cooperative))
        return cls(message=services.message_retry(message), errors=[])
