import graphene

from backend.cooperatives.tenancy import cooperative_for
from backend.graphql.core.errors import error_code_enum, error_type
from backend.graphql.core.inputs import enum_value
from backend.graphql.core.mutations import BaseMutation, ModelMutation
from backend.graphql.core.permissions import authenticated_user
from backend.ratelimit import client_address

from .. import services
from ..error_codes import AccountErrorCode as Codes
from ..models import StaffMembership
from ..permissions import Permission
from .types import MeNode, StaffMemberNode, StaffRoleEnum, UserNode

AccountErrorCode = error_code_enum("AccountErrorCode", Codes)
AccountError = error_type("AccountError", AccountErrorCode)


class AccountQueries(graphene.ObjectType):
    me = graphene.Field(MeNode, description="The signed-in person, or null.")

    @staticmethod
    def resolve_me(root, info):
        user = info.context.user
        return user if user.is_authenticated else None


# -- authentication ------------------------------------------------------------------------
class TokenCreate(BaseMutation):
    token = graphene.String(description="Access token for the Authorization: Bearer header.")
    refresh_token = graphene.String()
    user = graphene.Field(MeNode)

    class Arguments:
        login = graphene.String(required=True, description="Email or phone (08..., +62...).")
        password = graphene.String(required=True)

    class Meta:
        description = "Sign in with email or phone number and password."
        error_type = AccountError

    @classmethod
    def perform_mutation(cls, root, info, login, password):
        user = services.sign_in(info.context, login, password)
        return cls(user=user, errors=[], **services.tokens_for(user))


class RequestSignInCode(BaseMutation):
    class Arguments:
        login = graphene.String(required=True, description="Phone (08..., +62...) or email.")
        cooperative = graphene.String(description="Slug of the cooperative whose WhatsApp/SMS "
                                                  "sends the code; defaults to the request's.")

    class Meta:
        description = "Send a one-time sign-in code (6 digits, valid 5 minutes) by WhatsApp, "\
                      "SMS or e-mail. Answers the same whether or not the account exists."
        error_type = AccountError

    @classmethod
    def perform_mutation(cls, root, info, login, cooperative=None):
        services.sign_in_code_request(login, cooperative=cooperative_for(info.context,
                                                                         cooperative),
                                      client=client_address(info.context))
        return cls(errors=[])


class TokenCreateWithCode(BaseMutation):
    token = graphene.String(description="Access token for the Authorization: Bearer header.")
    refresh_token = graphene.String()
    user = graphene.Field(MeNode)

    class Arguments:
        login = graphene.String(required=True, description="The phone or email the code "
                                                           "was sent to.")
        code = graphene.String(required=True)

    class Meta:
        description = "Sign in with the code from requestSignInCode (no password)."
        error_type = AccountError

    @classmethod
    def perform_mutation(cls, root, info, login, code):
        user = services.sign_in_with_code(login, code, client=client_address(info.context))
        return cls(user=user, errors=[], **services.tokens_for(user))


class TokenRefresh(BaseMutation):
    token = graphene.String()
    user = graphene.Field(MeNode)

    class Arguments:
        refresh_token = graphene.String(required=True)

    class Meta:
        description = "A new access token from a refresh token."
        error_type = AccountError

    @classmethod
    def perform_mutation(cls, root, info, refresh_token):
        user, token = services.token_refresh(refresh_token)
        return cls(user=user, token=token, errors=[])


class TokenVerify(BaseMutation):
    is_valid = graphene.Boolean()
    user = graphene.Field(MeNode)

    class Arguments:
        token = graphene.String(required=True)

    class Meta:
        description = "Is this access token valid, and whose is it?"
        error_type = AccountError

    @classmethod
    def perform_mutation(cls, root, info, token):
        return cls(user=services.token_verify(token), is_valid=True, errors=[])

    @classmethod
    def mutate(cls, root, info, **data):
        result = super().mutate(root, info, **data)
        if result.errors:
            result.is_valid = False
        return result


# -- account -----------------------------------------------------------------------------------
class AccountRegisterInput(graphene.InputObjectType):
    email = graphene.String()
    phone = graphene.String(description="Indonesian number; 08... or +62... both accepted.")
    password = graphene.String(required=True)
    full_name = graphene.String()
    language = graphene.String(description="id (default) or en.")


class AccountRegister(BaseMutation):
    user = graphene.Field(MeNode)

    class Arguments:
        input = AccountRegisterInput(required=True)

    class Meta:
        description = "Create a shopper account with an email or a phone number."
        error_type = AccountError

    @classmethod
    def perform_mutation(cls, root, info, input):
        user = services.account_register(
            email=input.get("email"), phone=input.get("phone"), password=input["password"],
            full_name=input.get("full_name") or "", language=input.get("language") or "id")
        return cls(user=user, errors=[])


class PasswordChange(BaseMutation):
    user = graphene.Field(MeNode)
    token = graphene.String(description="A new access token: tokens issued before stop working.")
    refresh_token = graphene.String()

    class Arguments:
        old_password = graphene.String(required=True)
        new_password = graphene.String(required=True)

    class Meta:
        error_type = AccountError
        login_required = True

    @classmethod
    def perform_mutation(cls, root, info, old_password, new_password):
        user = services.password_change(authenticated_user(info), old_password, new_password)
        return cls(user=user, errors=[], **services.tokens_for(user))


class RequestPasswordReset(BaseMutation):
    class Arguments:
        login = graphene.String(required=True, description="Email (or phone) of the account.")
        redirect_url = graphene.String(description="Storefront page the link opens; it gets "
                                                   "`email` and `token` parameters.")

    class Meta:
        description = "To an email, a link to set a new password (setPassword); to a phone, "\
                      "a code by WhatsApp or SMS (setPasswordWithCode). Answers the same "\
                      "whether or not the account exists."
        error_type = AccountError

    @classmethod
    def perform_mutation(cls, root, info, login, redirect_url=None):
        services.password_reset_request(login, redirect_url,
                                        cooperative_for(info.context, None),
                                        client=client_address(info.context))
        return cls(errors=[])


class SetPassword(BaseMutation):
    token = graphene.String()
    refresh_token = graphene.String()
    user = graphene.Field(MeNode)

    class Arguments:
        email = graphene.String(required=True)
        token = graphene.String(required=True)
        password = graphene.String(required=True)

    class Meta:
        description = "Set a new password with the token from the e-mailed link; signs out "\
                      "every other device."
        error_type = AccountError

    @classmethod
    def perform_mutation(cls, root, info, email, token, password):
        user = services.password_set(email, token, password)
        return cls(user=user, errors=[], **services.tokens_for(user))


class SetPasswordWithCode(BaseMutation):
    token = graphene.String()
    refresh_token = graphene.String()
    user = graphene.Field(MeNode)

    class Arguments:
        login = graphene.String(required=True, description="The phone the code was sent to.")
        code = graphene.String(required=True)
        password = graphene.String(required=True)

    class Meta:
        description = "Set a new password with the code requestPasswordReset sent to a phone; "\
                      "signs out every other device."
        error_type = AccountError

    @classmethod
    def perform_mutation(cls, root, info, login, code, password):
        user = services.password_set_with_code(login, code, password,
                                               client=client_address(info.context))
        return cls(user=user, errors=[], **services.tokens_for(user))


# -- staff -------------------------------------------------------------------------------------
class StaffMemberAddInput(graphene.InputObjectType):
    login = graphene.String(required=True, description="The person's email or phone.")
    role = graphene.Field(StaffRoleEnum, required=True)
    full_name = graphene.String(description="Used when the person has no account yet.")


class StaffMemberAdd(BaseMutation):
    staff_member = graphene.Field(StaffMemberNode)

    class Arguments:
        cooperative = graphene.String(description="Slug; defaults to the request's cooperative.")
        input = StaffMemberAddInput(required=True)

    class Meta:
        description = "Give a person a staff role; a new person gets an e-mail to set a password."
        error_type = AccountError
        permission = Permission.MANAGE_STAFF

    @classmethod
    def perform_mutation(cls, root, info, input, cooperative=None):
        membership = services.staff_member_add(
            cls.get_cooperative(info, cooperative=cooperative), login=input["login"],
            role=enum_value(input["role"]), full_name=input.get("full_name") or "")
        return cls(staff_member=membership, errors=[])


class _StaffMemberByIdMutation(ModelMutation):
    node = StaffMemberNode

    class Meta:
        abstract = True

    @classmethod
    def queryset(cls):
        return StaffMembership.objects.select_related("cooperative", "user")


class StaffMemberUpdate(_StaffMemberByIdMutation):
    staff_member = graphene.Field(StaffMemberNode)

    class Arguments:
        id = graphene.ID(required=True)
        role = StaffRoleEnum(required=True)

    class Meta:
        description = "Change a staff member's role."
        error_type = AccountError
        permission = Permission.MANAGE_STAFF

    @classmethod
    def perform_mutation(cls, root, info, id, role):
        membership = services.staff_member_update(cls.get_object(info, id),
                                                  role=enum_value(role))
        return cls(staff_member=membership, errors=[])


class StaffMemberRemove(_StaffMemberByIdMutation):
    removed_id = graphene.ID()

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = "Take a person's staff role away; their account stays."
        error_type = AccountError
        permission = Permission.MANAGE_STAFF

    @classmethod
    def perform_mutation(cls, root, info, id):
        services.staff_member_remove(cls.get_object(info, id))
        return cls(removed_id=id, errors=[])


class AccountMutations(graphene.ObjectType):
    token_create = TokenCreate.Field()
    request_sign_in_code = RequestSignInCode.Field()
    token_create_with_code = TokenCreateWithCode.Field()
    token_refresh = TokenRefresh.Field()
    token_verify = TokenVerify.Field()
    account_register = AccountRegister.Field()
    password_change = PasswordChange.Field()
    request_password_reset = RequestPasswordReset.Field()
    set_password = SetPassword.Field()
    set_password_with_code = SetPasswordWithCode.Field()
    staff_member_add = StaffMemberAdd.Field()
    staff_member_update = StaffMemberUpdate.Field()
    staff_member_remove = StaffMemberRemove.Field()


__all__ = ["AccountMutations", "AccountQueries", "UserNode"]
