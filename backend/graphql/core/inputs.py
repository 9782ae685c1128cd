"""GraphQL input as service data."""

from .ids import node_for


def enum_value(value):
    """An enum argument as the plain value services expect ("percent", not the enum)."""
    return getattr(value, "value", value)


def input_dict(data, nodes: dict | None = None, *, info=None, cooperative=None) -> dict:
    """Unset fields left out, enums as their values, and the ID fields named in `nodes`
    ({"category": CategoryNode}) replaced by the objects they name, looked up by
    `ids.node_for` in `cooperative` (the one the mutation acts on)."""
    cleaned = {key: enum_value(value) for key, value in dict(data).items() if value is not None}
    for field, node in (nodes or {}).items():
        if field in cleaned:
            cleaned[field] = node_for(info, cleaned[field], node, field=field,
                                      cooperative=cooperative)
    return cleaned
