"""The register's remote source: where to pull it from, and pulling now."""

import graphene

from backend.accounts.permissions import Permission
from backend.graphql.core.inputs import input_dict
from backend.graphql.core.mutations import BaseMutation

from ...models import MemberSyncSource
from ...services.sync import sync_source_update
from ..types import MemberError, MemberSyncSourceNode, SyncFormatEnum


class MemberSyncSourceInput(graphene.InputObjectType):
    url = graphene.String()
    format = SyncFormatEnum()
    auth_header = graphene.String(description='For example "Authorization: Bearer abc". '
                                              "Stored encrypted, never shown again.")
    every_hours = graphene.Int()
    full_sync = graphene.Boolean()
    enabled = graphene.Boolean()


class MemberSyncSourceUpdate(BaseMutation):
    source = graphene.Field(MemberSyncSourceNode)

    class Arguments:
        cooperative = graphene.String()
        input = MemberSyncSourceInput(required=True)

    class Meta:
        description = "Where the register is pulled from, and how often."
        error_type = MemberError
        permission = Permission.MANAGE_MEMBERS

    @classmethod
    def perform_mutation(cls, root, info, input, cooperative=None):
        source = sync_source_update(cls.get_cooperative(info, cooperative=cooperative),
                                    input_dict(input))
        return cls(source=source, errors=[])


class MemberSyncRun(BaseMutation):
    queued = graphene.Boolean()

    class Arguments:
        cooperative = graphene.String()

    class Meta:
        description = "Pull the register now instead of waiting for the schedule."
        error_type = MemberError
        permission = Permission.MANAGE_MEMBERS

    @classmethod
    def perform_mutation(cls, root, info, cooperative=None):
        from django.db import transaction

        from ...tasks import sync_member_register

        source = MemberSyncSource.objects.of(
            cls.get_cooperative(info, cooperative=cooperative)).first()
        if source is not None:
            transaction.on_commit(lambda: sync_member_register.delay(source.pk))
        return cls(queued=source is not None, errors=[])
