import graphene
from query_optimizer import DjangoConnectionField

__all__ = ["CountableConnection", "DjangoConnectionField"]


class CountableConnection(graphene.relay.Connection):
    """Relay connection with the total number of rows. `first` or `last` (at most 100) is
    required; the limit is set in settings.GRAPHENE."""

    class Meta:
        abstract = True

    total_count = graphene.Int(required=True)

    @staticmethod
    def resolve_total_count(root, info):
        return root.length

