"""Signing in: access and refresh tokens, with a password or with a one-time code."""

import graphene

from backend.cooperatives.tenancy import cooperative_for
from backend.graphql.core.mutations import BaseMutation
from backend.ratelimit import client_address

from ... import services
from ..types import AccountError, MeNode


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
