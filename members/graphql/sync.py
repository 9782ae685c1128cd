import graphene
from graphene import relay
from query_optimizer import DjangoObjectType

from backend.accounts.permissions import Permission
from backend.graphql.core.inputs import input_dict
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.core.permissions import permission_required, require_cooperative

from ..models import MemberSyncSource
from ..services.sync import sync_source_update
from .errors import MemberError

SyncFormatEnum = graphene.Enum("MemberSyncFormat", [("CSV", "csv"), ("JSON", "json")])


class MemberSyncSourceNode(DjangoObjectType):
    format = graphene.Field(SyncFormatEnum, required=True)
    has_auth_header = graphene.Boolean(required=True)

    class Meta:
        model = MemberSyncSource
        name = "MemberSyncSource"
        interfaces = (relay.Node,)
        fields = ("id", "url", "format", "every_hours", "full_sync", "enabled", "last_run_at",
                  "last_success_at", "last_error", "consecutive_failures")

    @staticmethod
    def resolve_format(root, info):
        return str(root.format)

    @staticmethod
    def resolve_has_auth_header(root, info):
        return bool(root.auth_header_encrypted)


class SyncQueries(graphene.ObjectType):
    member_sync_source = graphene.Field(MemberSyncSourceNode, cooperative=graphene.String())

    @staticmethod
    @permission_required(Permission.MANAGE_MEMBERS)
    def resolve_member_sync_source(root, info, cooperative=None):
        return MemberSyncSource.objects.of(require_cooperative(info, cooperative)).first()


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

        from ..tasks import sync_member_register

        source = MemberSyncSource.objects.of(
            cls.get_cooperative(info, cooperative=cooperative)).first()
        if source is not None:
            transaction.on_commit(lambda: sync_member_register.delay(source.pk))
        return cls(queued=source is not None, errors=[])
