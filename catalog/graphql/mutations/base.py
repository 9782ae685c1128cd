from backend.graphql.core.errors import PermissionDenied
from backend.graphql.core.mutations import ModelMutation
from backend.graphql.core.permissions import authenticated_user

from ...services.common import can_act_for_seller


class SellerScopedMutation(ModelMutation):
    """A mutation on something a seller owns: its owner or the cooperative's catalog staff
    may do it. Subclasses say how to find the object and its seller."""

    class Meta:
        abstract = True

    @classmethod
    def seller_of(cls, obj):
        return obj.seller

    @classmethod
    def check_permissions(cls, info, **data):
        user = authenticated_user(info)
        obj = cls.get_object(info, data["id"])
        if not can_act_for_seller(user, cls.seller_of(obj)):
            raise PermissionDenied()


__all__ = ["SellerScopedMutation"]
