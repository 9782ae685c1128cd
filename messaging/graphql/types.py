"""The messaging GraphQL types: the message log and the channel settings as managers see
them, and the error type of its mutations."""

import graphene
from graphene import relay
from query_optimizer import DjangoObjectType

from backend.graphql.core.connections import CountableConnection
from backend.graphql.core.errors import error_code_enum, error_type
from backend.graphql.core.visibility import StaffOnly

from ..error_codes import MessagingErrorCode
from ..models import Channel, ChannelSettings, Message, MessageState

MessagingErrorCodeEnum = error_code_enum("MessagingErrorCode", MessagingErrorCode)
MessagingError = error_type("MessagingError", MessagingErrorCodeEnum)
MessageStateEnum = graphene.Enum("MessageState", [(s.name, s.value) for s in MessageState])
MessageChannelEnum = graphene.Enum("MessageChannel", [(c.name, c.value) for c in Channel])



class MessageNode(StaffOnly, DjangoObjectType):
    state = graphene.Field(MessageStateEnum, required=True)
    channel = graphene.Field(MessageChannelEnum)

    class Meta:
        model = Message
        name = "Message"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "phone", "email", "template", "language", "state", "channel",
                  "provider_message_id", "tries", "last_error", "last_error_code",
                  "created_at", "sent_at", "delivered_at", "read_at")

    @staticmethod
    def resolve_state(root, info):
        return root.state

    @staticmethod
    def resolve_channel(root, info):
        return root.channel or None


class ChannelSettingsNode(graphene.ObjectType):
    class Meta:
        name = "MessagingSettings"

    channel_order = graphene.List(graphene.NonNull(MessageChannelEnum), required=True)
    whatsapp_phone_number_id = graphene.String(required=True)
    whatsapp_verify_token = graphene.String(required=True)
    has_whatsapp_token = graphene.Boolean(required=True)
    has_whatsapp_app_secret = graphene.Boolean(required=True)
    sms_provider = graphene.String(required=True)
    sms_account = graphene.String(required=True)
    sms_sender = graphene.String(required=True)
    has_sms_key = graphene.Boolean(required=True)

    @staticmethod
    def from_settings(stored: ChannelSettings) -> "ChannelSettingsNode":
        return ChannelSettingsNode(
            channel_order=list(stored.channel_order or ["whatsapp", "sms", "email"]),
            whatsapp_phone_number_id=stored.whatsapp_phone_number_id,
            whatsapp_verify_token=stored.whatsapp_verify_token,
            has_whatsapp_token=bool(stored.whatsapp_token_encrypted),
            has_whatsapp_app_secret=bool(stored.whatsapp_app_secret_encrypted),
            sms_provider=stored.sms_provider, sms_account=stored.sms_account,
            sms_sender=stored.sms_sender, has_sms_key=bool(stored.sms_key_encrypted))
