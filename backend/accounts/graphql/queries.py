"""Who is signed in."""

import graphene

from .types import MeNode


class AccountQueries(graphene.ObjectType):
    me = graphene.Field(MeNode, description="The signed-in person, or null.")

    @staticmethod
    def resolve_me(root, info):
        user = info.context.user
        return user if user.is_authenticated else None
