"""The message log and channel settings in the API, for a cooperative's managers."""

import graphene
from graphene import relay
from query_optimizer import DjangoObjectType

from backend.accounts.permissions import Permission
from backend.graphql.core.connections import CountableConnection, DjangoConnectionField
from backend.graphql.core.errors import error_code_enum, error_type
from backend.graphql.core.ids import node_for
from backend.graphql.core.inputs import input_dict
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.core.permissions import permission_required, require_cooperative
from backend.graphql.core.visibility import StaffOnly

from .. import selectors, services
from ..delivery import channel_settings_of
from ..error_codes import MessagingErrorCode
from ..models import Channel, ChannelSettings, Message, MessageState

MessagingErrorCodeEnum = error_code_enum("MessagingErrorCode", MessagingErrorCode)
MessagingError = error_type("MessagingError", MessagingErrorCodeEnum)
MessageStateEnum = graphene.Enum("MessageState", [(s.name, s.value) for s in MessageState])
MessageChannelEnum = graphene.Enum("MessageChannel", [(c.name, c.value) for c in Channel])


def _value(enum_member):
    return getattr(enum_member, "value", enum_member)


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


class MessagingQueries(graphene.ObjectType):
    messages = DjangoConnectionField(
        MessageNode, cooperative=graphene.String(), state=MessageStateEnum(),
        channel=MessageChannelEnum(), template=graphene.String(),
        search=graphene.String(description="Part of a phone number or e-mail address."),
        description="The cooperative's message log, newest first: managers only.")
    messaging_settings = graphene.Field(ChannelSettingsNode, cooperative=graphene.String())

    @staticmethod
    @permission_required(Permission.MANAGE_COOPERATIVE)
    def resolve_messages(root, info, cooperative=None, state=None, channel=None, template=None,
                         search="", **kwargs):
        return selectors.message_log(require_cooperative(info, cooperative),
                                     state=_value(state), channel=_value(channel),
                                     template=template, search=search or "")

    @staticmethod
    @permission_required(Permission.MANAGE_COOPERATIVE)
    def resolve_messaging_settings(root, info, cooperative=None):
        return ChannelSettingsNode.from_settings(
            channel_settings_of(require_cooperative(info, cooperative)))


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
            data["channel_order"] = [_value(c) for c in data["channel_order"]]
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


class MessagingMutations(graphene.ObjectType):
    messaging_settings_update = MessagingSettingsUpdate.Field()
    message_retry = MessageRetry.Field()
