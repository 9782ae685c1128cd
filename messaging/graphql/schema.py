"""The messaging domain's part of the root schema: its queries and mutations, assembled."""

import graphene

from .mutations.messages import MessageRetry, MessagingSettingsUpdate
from .queries import MessagingQueries


class MessagingMutations(graphene.ObjectType):
    messaging_settings_update = MessagingSettingsUpdate.Field()
    message_retry = MessageRetry.Field()


__all__ = ["MessagingMutations", "MessagingQueries"]
