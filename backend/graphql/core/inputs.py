"""GraphQL input as service data."""


def enum_value(value):
    """An enum argument as the plain value services expect ("percent", not the enum)."""
    return getattr(value, "value", value)


def input_dict(data, objects: dict | None = None) -> dict:
    """Unset fields left out, enums as their values, and the ID fields named in `objects`
    ({"category": (Category, "Category")}) replaced by the objects they name."""
    from .ids import get_by_global_id

    cleaned = {key: enum_value(value) for key, value in dict(data).items() if value is not None}
    for field, (model, type_name) in (objects or {}).items():
        if field in cleaned:
            cleaned[field] = get_by_global_id(model.objects.all(), cleaned[field], type_name,
                                              field)
    return cleaned
