"""A person's own account: register, change or reset the password."""

import graphene

from backend.cooperatives.tenancy import cooperative_for
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.core.permissions import authenticated_user
from backend.ratelimit import client_address

from ... import services
from ..types import AccountError, MeNode


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
