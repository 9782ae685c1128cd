"""Setting up the till: who works which store, a manager's PIN, the cooperative's settings."""

import graphene

from backend.accounts.graphql.types import StaffMemberNode
from backend.accounts.permissions import Permission
from backend.graphql.core.ids import node_for
from backend.graphql.core.inputs import enum_value, input_dict
from backend.graphql.core.mutations import BaseMutation
from inventory.graphql.types import LocationNode

from ...models import PriceBarcodeLayout
from ...services.settings import till_settings_update
from ...services.shifts import till_manager_pin_set, till_staff_assign
from ..types import TillError

PriceBarcodeLayoutEnum = graphene.Enum(
    "TillPriceBarcodeLayout", [("NONE", "")] + [(k.name, k.value) for k in PriceBarcodeLayout
                                                if k.value])


class TillStaffAssign(BaseMutation):
    assigned = graphene.Boolean()

    class Arguments:
        location = graphene.ID(required=True, description="The store.")
        staff_member = graphene.ID(required=True, description="A cashier or staff member.")
        assigned = graphene.Boolean(default_value=True, description="False: no longer.")

    class Meta:
        description = "Let a cashier work the till at a store (or stop)."
        error_type = TillError
        permission = Permission.MANAGE_STAFF

    @classmethod
    def get_cooperative(cls, info, **data):
        return node_for(info, data["location"], LocationNode, field="location").cooperative

    @classmethod
    def perform_mutation(cls, root, info, location, staff_member, assigned=True):
        place = node_for(info, location, LocationNode, field="location")
        member = node_for(info, staff_member, StaffMemberNode, field="staff_member",
                          cooperative=place.cooperative)
        till_staff_assign(place, member.user, assigned=assigned)
        return cls(assigned=assigned, errors=[])


class TillManagerPinSet(BaseMutation):
    saved = graphene.Boolean()

    class Arguments:
        cooperative = graphene.String()
        pin = graphene.String(required=True, description="4 to 8 digits.")

    class Meta:
        description = "The signed-in manager's PIN for discounts and refunds at the till."
        error_type = TillError
        permission = Permission.HANDLE_SALES

    @classmethod
    def perform_mutation(cls, root, info, pin, cooperative=None):
        till_manager_pin_set(cls.get_cooperative(info, cooperative=cooperative),
                             info.context.user, pin)
        return cls(saved=True, errors=[])


class TillSettingsInput(graphene.InputObjectType):
    price_barcode_layout = PriceBarcodeLayoutEnum()
    static_qris = graphene.String(description="The text inside the cooperative's QRIS.")
    receipt_footer = graphene.String()


class TillSettingsUpdate(BaseMutation):
    saved = graphene.Boolean()

    class Arguments:
        cooperative = graphene.String()
        input = TillSettingsInput(required=True)

    class Meta:
        description = "The cooperative's till settings."
        error_type = TillError
        permission = Permission.MANAGE_COOPERATIVE

    @classmethod
    def perform_mutation(cls, root, info, input, cooperative=None):
        data = input_dict(input)
        if "price_barcode_layout" in data:
            data["price_barcode_layout"] = enum_value(data["price_barcode_layout"])
        till_settings_update(cls.get_cooperative(info, cooperative=cooperative), data)
        return cls(saved=True, errors=[])
