import graphene

from backend.accounts.permissions import Permission
from backend.graphql.core.errors import PermissionDenied
from backend.graphql.core.inputs import input_dict
from backend.graphql.core.mutations import BaseMutation, ModelMutation
from backend.graphql.core.permissions import authenticated_user, check_permission

from ...selectors import can_see_seller_private_data
from ...services import sellers as services
from ..types import CatalogError, FoodPermitKindEnum, SellerNode
from .base import SellerScopedMutation


class SellerInput(graphene.InputObjectType):
    business_name = graphene.String()
    owner_name = graphene.String()
    phone = graphene.String(description="08... or +62...")
    email = graphene.String()
    story = graphene.String()
    nib = graphene.String(description="Business ID number, 13 digits.")
    bank_name = graphene.String()
    bank_account_number = graphene.String()
    bank_account_holder = graphene.String()
    member_number = graphene.String()
    halal_certificate_number = graphene.String()
    halal_certificate_expires = graphene.Date()
    food_permit_kind = FoodPermitKindEnum()
    food_permit_number = graphene.String()
    food_permit_expires = graphene.Date()
    street_address = graphene.String()
    rt_rw = graphene.String()
    village = graphene.String()
    district = graphene.String()
    city = graphene.String()
    province = graphene.String()
    postal_code = graphene.String()


class SellerRegister(BaseMutation):
    seller = graphene.Field(SellerNode)

    class Arguments:
        cooperative = graphene.String(description="Slug; defaults to the request's.")
        input = SellerInput(required=True)
        as_cooperative = graphene.Boolean(
            required=True, default_value=False,
            description="Register the cooperative's own shop (managers only); approved at once.")

    class Meta:
        description = "Register a small business as a seller; it waits for a manager's approval."
        error_type = CatalogError
        login_required = True

    @classmethod
    def perform_mutation(cls, root, info, input, cooperative=None, as_cooperative=False):
        cooperative = cls.get_cooperative(info, cooperative=cooperative)
        if as_cooperative:
            check_permission(info, cooperative, Permission.MANAGE_SELLERS)
        seller = services.seller_register(cooperative, authenticated_user(info),
                                          input_dict(input), as_cooperative=as_cooperative)
        return cls(seller=seller, errors=[])


class SellerUpdate(SellerScopedMutation):
    seller = graphene.Field(SellerNode)
    node = SellerNode

    class Arguments:
        id = graphene.ID(required=True)
        input = SellerInput(required=True)

    class Meta:
        error_type = CatalogError

    @classmethod
    def check_permissions(cls, info, **data):
        # Shop details (bank account included) are the owner's and the managers' to change.
        seller = cls.get_object(info, data["id"])
        if not can_see_seller_private_data(authenticated_user(info), seller):
            raise PermissionDenied()

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        seller = services.seller_update(cls.get_object(info, id), input_dict(input),
                                        info.context.user)
        return cls(seller=seller, errors=[])


class _SellerReview(ModelMutation):
    seller = graphene.Field(SellerNode)
    node = SellerNode

    class Meta:
        abstract = True


class SellerApprove(_SellerReview):
    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        error_type = CatalogError
        permission = Permission.MANAGE_SELLERS

    @classmethod
    def perform_mutation(cls, root, info, id):
        seller = services.seller_approve(cls.get_object(info, id), info.context.user)
        return cls(seller=seller, errors=[])


class SellerReject(_SellerReview):
    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(required=True, description="Shown to the seller.")

    class Meta:
        error_type = CatalogError
        permission = Permission.MANAGE_SELLERS

    @classmethod
    def perform_mutation(cls, root, info, id, reason):
        seller = services.seller_reject(cls.get_object(info, id), info.context.user, reason)
        return cls(seller=seller, errors=[])


class SellerSuspend(_SellerReview):
    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(required=True, description="Shown to the seller.")

    class Meta:
        description = "Suspend a seller: all its products disappear from the store at once."
        error_type = CatalogError
        permission = Permission.MANAGE_SELLERS

    @classmethod
    def perform_mutation(cls, root, info, id, reason):
        seller = services.seller_suspend(cls.get_object(info, id), info.context.user, reason)
        return cls(seller=seller, errors=[])


class SellerPermitsConfirm(_SellerReview):
    shown_again = graphene.Int(description="Food products shown again.")

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = "Confirm a seller's renewed permits; its hidden food products return."
        error_type = CatalogError
        permission = Permission.MANAGE_SELLERS

    @classmethod
    def perform_mutation(cls, root, info, id):
        shown = services.seller_permits_confirm(cls.get_object(info, id), info.context.user)
        return cls(seller=cls.get_object(info, id), shown_again=shown, errors=[])
