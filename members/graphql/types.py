import graphene
from django.db.models import F
from graphene import relay
from query_optimizer import DjangoObjectType, ManuallyOptimizedField, MultiField

from backend.graphql.core.connections import CountableConnection
from backend.graphql.core.errors import PermissionDenied
from backend.graphql.core.money import money_field
from backend.graphql.core.visibility import StaffOnly

from ..models import Member, MemberImport, MemberStatus
from ..selectors import members_visible_to
from ..services.privacy import can_manage_register, member_nik_reveal

MemberStatusEnum = graphene.Enum("MemberStatusEnum", [(s.name, s.value) for s in MemberStatus])


class LinkedAccount(graphene.ObjectType):
    email = graphene.String()
    phone = graphene.String()
    full_name = graphene.String()


class MemberNode(DjangoObjectType):
    """A member in the register: seen by the cooperative's managers, and by the member."""

    status = graphene.Field(MemberStatusEnum, required=True)
    nik = MultiField(
        graphene.String, fields=["nik_last4", "nik_encrypted", "cooperative"],
        reveal=graphene.Boolean(required=True, default_value=False),
        description="Masked (************1234). Managers may ask for it unmasked with "
                    "reveal: true; every such view is logged.")
    savings_pokok = money_field("savings_pokok")
    savings_wajib = money_field("savings_wajib")
    savings_sukarela = money_field("savings_sukarela")
    linked_account = ManuallyOptimizedField(LinkedAccount)

    class Meta:
        model = Member
        name = "Member"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "member_number", "full_name", "phone", "email", "address",
                  "date_joined", "status", "category", "dues_paid_until", "is_active",
                  "deactivated_at", "linked_at", "cooperative")

    @classmethod
    def filter_queryset(cls, queryset, info):
        return members_visible_to(info.context.user, queryset)

    @staticmethod
    def resolve_status(root, info):
        return str(root.status)

    @staticmethod
    def resolve_nik(root: Member, info, reveal=False):
        if not reveal:
            return root.nik_masked
        if not can_manage_register(info.context.user, root.cooperative_id):
            raise PermissionDenied()
        return member_nik_reveal(root, info.context.user)

    @staticmethod
    def optimize_linked_account(queryset, optimizer, **kwargs):
        # Joined into the listing's one query (the optimizer defers `user_id` itself).
        return queryset.annotate(linked_user_id=F("user_id"), linked_email=F("user__email"),
                                 linked_phone=F("user__phone"),
                                 linked_full_name=F("user__full_name"))

    @staticmethod
    def resolve_linked_account(root: Member, info):
        if not hasattr(root, "linked_user_id"):  # a member outside a listing
            user = root.user
            root.linked_user_id = root.user_id
            if user is not None:
                root.linked_email, root.linked_phone = user.email, user.phone
                root.linked_full_name = user.full_name
        if root.linked_user_id is None:
            return None
        return LinkedAccount(email=root.linked_email, phone=root.linked_phone,
                             full_name=root.linked_full_name)


class MemberImportNode(StaffOnly, DjangoObjectType):
    source = graphene.String(required=True)
    actor_name = graphene.String()
    errors = graphene.JSONString(required=True)

    class Meta:
        model = MemberImport
        name = "MemberImportRecord"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "source", "filename", "dry_run", "full_sync", "applied", "rows",
                  "created", "updated", "unchanged", "deactivated", "error_count", "errors",
                  "created_at")

    @staticmethod
    def resolve_actor_name(root, info):
        return (root.actor.full_name or str(root.actor)) if root.actor_id else None
