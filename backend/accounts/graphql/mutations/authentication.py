"""Signing in: access and refresh tokens."""

import graphene

from backend.graphql.core.mutations import BaseMutation

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
