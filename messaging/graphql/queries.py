"""The message log and channel settings in the API, for a cooperative's managers."""

import graphene

from backend.accounts.permissions import Permission
from backend.graphql.core.connections import DjangoConnectionField
from backend.graphql.core.inputs import enum_value
from backend.graphql.core.permissions import permission_required, require_cooperative

from .. import selectors
from ..delivery import channel_settings_of
from .types import ChannelSettingsNode, MessageChannelEnum, MessageNode, MessageStateEnum


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
                                     state=enum_value(state), channel=enum_value(channel),
                                     template=template, search=search or "")

    @staticmethod
    @permission_required(Permission.MANAGE_COOPERATIVE)
    def resolve_messaging_settings(root, info, cooperative=None):
        return ChannelSettingsNode.from_settings(
            channel_settings_of(require_cooperative(info, cooperative)))
