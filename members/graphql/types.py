"""The members' GraphQL types: members, their cards, price rules, SHU, the register's
imports and sync source, and the error type of their mutations."""

import graphene
from django.db.models import F
from graphene import relay
from query_optimizer import DjangoObjectType, ManuallyOptimizedField, MultiField

from backend.error_codes import FileErrorCode
from backend.graphql.core.connections import CountableConnection, DjangoConnectionField
from backend.graphql.core.errors import PermissionDenied, error_code_enum, error_type
from backend.graphql.core.money import money_field
from backend.graphql.core.rows import RowErrorType
from backend.graphql.core.visibility import StaffOnly

from ..error_codes import MemberErrorCode as Codes
from ..models import (
    Member,
    MemberImport,
    MemberStatus,
    MemberSyncSource,
    PriceRule,
    ShuCalculation,
    ShuShare,
)
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


MemberErrorCode = error_code_enum("MemberErrorCode", Codes, FileErrorCode)


MemberError = error_type("MemberError", MemberErrorCode)


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


PriceRuleKindEnum = graphene.Enum("PriceRuleKindEnum", [("PERCENT", "percent"),
                                                        ("FIXED", "fixed")])


class PriceRuleNode(StaffOnly, DjangoObjectType):
    kind = graphene.Field(PriceRuleKindEnum, required=True)

    class Meta:
        model = PriceRule
        name = "PriceRule"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "name", "kind", "value", "category", "seller", "product",
                  "member_categories", "starts_at", "ends_at", "priority", "is_active")

    @staticmethod
    def resolve_kind(root, info):
        return str(root.kind)


class MemberCard(graphene.ObjectType):
    member_number = graphene.String(required=True)
    full_name = graphene.String(required=True)
    status = graphene.Field(MemberStatusEnum, required=True)
    token = graphene.String(required=True, description="What the QR code holds.")
    qr_svg = graphene.String(required=True, description="The QR code as an SVG image.")


class MemberCardScan(graphene.ObjectType):
    member_number = graphene.String(required=True)
    full_name = graphene.String(required=True)
    status = graphene.Field(MemberStatusEnum, required=True)
    eligible_for_member_price = graphene.Boolean(required=True)
    note = graphene.String()


class MyMemberData(graphene.ObjectType):
    filename = graphene.String(required=True)
    content = graphene.JSONString(required=True)


class PatronageReport(graphene.ObjectType):
    year = graphene.Int(required=True)
    member_purchases = graphene.BigInt(required=True, description="Whole rupiah.")
    non_member_sales = graphene.BigInt(required=True, description="Whole rupiah.")
    members_with_purchases = graphene.Int(required=True)


class ShuShareNode(DjangoObjectType):
    class Meta:
        model = ShuShare
        name = "ShuShare"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "member", "calculation", "purchases", "savings", "jasa_anggota",
                  "jasa_modal", "total")

    @classmethod
    def filter_queryset(cls, queryset, info):
        # A member sees their own share; the register's managers see all of them.
        return queryset.filter(member__in=members_visible_to(info.context.user))


class ShuCalculationNode(StaffOnly, DjangoObjectType):
    split = graphene.JSONString(required=True)
    shares = DjangoConnectionField(ShuShareNode)

    class Meta:
        model = ShuCalculation
        name = "ShuCalculation"
        interfaces = (relay.Node,)
        fields = ("id", "fiscal_year", "surplus", "split", "member_purchases", "member_savings",
                  "created_at", "shares")


class RegisterImportResult(graphene.ObjectType):
    applied = graphene.Boolean(required=True, description="False for a dry run, or when any "
                                                         "row has a problem: nothing changed.")
    rows = graphene.Int(required=True)
    created = graphene.Int(required=True)
    updated = graphene.Int(required=True)
    unchanged = graphene.Int(required=True)
    deactivated = graphene.Int(required=True)
    row_errors = graphene.List(graphene.NonNull(RowErrorType), required=True)
    new_member_numbers = graphene.List(graphene.NonNull(graphene.String), required=True,
                                       description="The first 100.")
    changed_member_numbers = graphene.List(graphene.NonNull(graphene.String), required=True,
                                           description="The first 100.")
    deactivated_member_numbers = graphene.List(graphene.NonNull(graphene.String),
                                               required=True, description="The first 100.")
    record = graphene.Field(MemberImportNode)

    @staticmethod
    def of(report):
        return RegisterImportResult(
            applied=report.applied, rows=report.rows, created=len(report.created),
            updated=len(report.changed), unchanged=report.unchanged,
            deactivated=len(report.deactivated),
            row_errors=[RowErrorType.of(e) for e in report.errors[:1000]],
            new_member_numbers=report.created[:100],
            changed_member_numbers=report.changed[:100],
            deactivated_member_numbers=report.deactivated[:100], record=report.record)
