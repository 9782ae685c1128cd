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


def load_also(queryset, *field_names: str):
    """Make sure these fields load even when the query optimizer limited the query with
    `.only()` to the fields asked for: a resolver that needs them would otherwise run one
    query per row."""
    existing, defer = queryset.query.deferred_loading
    if not defer and existing:
        queryset.query.deferred_loading = (frozenset(existing) | set(field_names), False)
    return queryset
