import graphene
from graphql import GraphQLError
from query_optimizer import DjangoConnectionField as OptimizedConnectionField
from query_optimizer import DjangoListField as OptimizedListField
from query_optimizer.validators import validate_pagination_args

from backend.error_codes import CommonErrorCode

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


class DjangoConnectionField(OptimizedConnectionField):
    """The optimizer's connection field; paging mistakes (no `first`, more than 100) answer
    a coded INVALID error instead of the ValueError the optimizer raises."""

    def connection_resolver(self, root, info, **kwargs):
        try:
            validate_pagination_args(
                first=kwargs.get("first"), last=kwargs.get("last"), offset=kwargs.get("offset"),
                after=kwargs.get("after"), before=kwargs.get("before"),
                max_limit=self.max_limit)
        except ValueError as error:
            raise GraphQLError(str(error), extensions={
                "code": CommonErrorCode.INVALID.name}) from None
        return super().connection_resolver(root, info, **kwargs)


class DjangoListField(OptimizedListField):
    """The optimizer's list field. A list read through a related manager that nothing
    prefetched (the lines of a mutation's order) is read as a plain queryset: through the
    manager, Django fills each row's back-reference from its deferred foreign key, one query
    per row."""

    def to_queryset(self, iterable):
        if hasattr(iterable, "core_filters") and iterable.get_queryset()._result_cache is None:
            return iterable.model._default_manager.filter(**iterable.core_filters)
        return super().to_queryset(iterable)
