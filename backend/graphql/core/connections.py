import graphene
from query_optimizer import DjangoConnectionField
from query_optimizer import DjangoListField as OptimizedListField

__all__ = ["CountableConnection", "DjangoConnectionField", "DjangoListField"]


class CountableConnection(graphene.relay.Connection):
    """Relay connection with the total number of rows. `first` or `last` (at most 100) is
    required; the limit is set in settings.GRAPHENE."""

    class Meta:
        abstract = True

    total_count = graphene.Int(required=True)

    @staticmethod
    def resolve_total_count(root, info):
        return root.length


class DjangoListField(OptimizedListField):
    """The optimizer's list field. A list read through a related manager that nothing
    prefetched (the lines of a mutation's order) is read as a plain queryset: through the
    manager, Django fills each row's back-reference from its deferred foreign key, one query
    per row."""

    def to_queryset(self, iterable):
        if hasattr(iterable, "core_filters") and iterable.get_queryset()._result_cache is None:
            return iterable.model._default_manager.filter(**iterable.core_filters)
        return super().to_queryset(iterable)
