"""Objects named by Relay global IDs: the one lookup every resolver and mutation uses.

`node_for(info, global_id, SomeNode)` applies, every time:

- the type's own visibility for the caller (`SomeNode.filter_queryset(queryset, info)`, the
  hook the query optimizer also applies to lists; or `SomeNode.lookup_queryset` where a
  lookup by ID sees more than a nested list, as a seller's photos waiting for review): what
  a shopper, a seller, a staff member with a role or the operator may see;
- the cooperative the operation acts on (an explicit one, else the request's: `cooperative`
  argument, X-Cooperative header or host).

An object of another cooperative, one the caller may not see and one that does not exist get
the same answer, so an ID tells nobody whether it exists elsewhere.
"""

from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from graphql_relay import from_global_id

from backend.cooperatives.models import Cooperative
from backend.cooperatives.tenancy import cooperative_for, scoped_to
from backend.error_codes import CommonErrorCode

from .errors import NotFound


class IdKind:
    """A kind of ID that names no type of the schema (a membership claim, handed only to the
    shopper who asked): its name, model and who may see which rows, for the lookup."""

    def __init__(self, name: str, model, visible_to):
        self._meta = SimpleNamespace(name=name, model=model)
        self._visible_to = visible_to

    def filter_queryset(self, queryset, info):
        return self._visible_to(info.context.user, queryset)


def pk_from_global_id(global_id: str, type_name: str, field: str = "id") -> int:
    """The primary key inside a Relay ID of the given type, or a ValidationError."""
    try:
        kind, pk = from_global_id(global_id or "")
        if kind == type_name:
            return int(pk)
    except (ValueError, TypeError, UnicodeDecodeError):
        pass
    raise ValidationError({field: ValidationError(
        _("This is not a valid %(type)s ID.") % {"type": type_name}, code=CommonErrorCode.INVALID)})


def visible_nodes(info, node, *, cooperative: Cooperative | str | None = None,
                  queryset=None):
    """The rows of `node`'s model the caller may see in the cooperative the operation acts on
    (`cooperative`: the object, or a slug; by default the request's)."""
    if queryset is None:
        queryset = node._meta.model._default_manager.all()
    queryset = getattr(node, "lookup_queryset", node.filter_queryset)(queryset, info)
    if not isinstance(cooperative, Cooperative):
        slug, cooperative = cooperative, cooperative_for(info.context, cooperative)
        if slug and cooperative is None:
            return queryset.none()  # a cooperative named that does not exist has nothing
    return queryset if cooperative is None else scoped_to(queryset, cooperative)


def find_node(info, global_id: str, node, *, field: str = "id", cooperative=None,
              queryset=None):
    """The object the ID names as the caller may see it, or None (queries answer null)."""
    pk = pk_from_global_id(global_id, node._meta.name, field)
    return visible_nodes(info, node, cooperative=cooperative, queryset=queryset).filter(
        pk=pk).first()


def node_for(info, global_id: str, node, *, field: str = "id", cooperative=None,
             queryset=None):
    """The object the ID names as the caller may see it, or a NOT_FOUND ValidationError on
    `field` (mutations turn it into their `errors`)."""
    found = find_node(info, global_id, node, field=field, cooperative=cooperative,
                      queryset=queryset)
    if found is None:
        raise _not_found(node, field)
    return found


def required_node(info, global_id: str, node, *, field: str = "id", cooperative=None,
                  queryset=None):
    """For query resolvers: the object, or a top-level NOT_FOUND error."""
    found = find_node(info, global_id, node, field=field, cooperative=cooperative,
                      queryset=queryset)
    if found is None:
        raise NotFound(_not_found(node, field).error_dict[field][0].message)
    return found


def nodes_for(info, global_ids, node, *, field: str = "id", cooperative=None,
              queryset=None) -> list:
    """The objects of a list of IDs (each once, in order) in one query; one ID that names
    nothing the caller may see refuses them all."""
    pks = list(dict.fromkeys(pk_from_global_id(global_id, node._meta.name, field)
                             for global_id in global_ids))
    found = visible_nodes(info, node, cooperative=cooperative, queryset=queryset).in_bulk(pks)
    if len(found) != len(pks):
        raise _not_found(node, field)
    return [found[pk] for pk in pks]


def _not_found(node, field: str) -> ValidationError:
    return ValidationError({field: ValidationError(
        _("No %(type)s with this ID.") % {"type": node._meta.name},
        code=CommonErrorCode.NOT_FOUND)})
