import graphene


class Upload(graphene.Scalar):
    """A file sent in a multipart request (the GraphQL multipart request specification:
    fields `operations`, `map` and the files)."""

    @staticmethod
    def serialize(value):
        return None

    @staticmethod
    def parse_literal(node, _variables=None):
        return None

    @staticmethod
    def parse_value(value):
        return value


def place_files(operations: dict, mapping: dict, files) -> dict:
    """Put each uploaded file where the `map` says, e.g. `variables.image`."""
    for key, paths in mapping.items():
        for path in paths:
            target = operations
            *parents, last = path.split(".")
            for part in parents:
                target = target[int(part)] if isinstance(target, list) else target[part]
            if isinstance(target, list):
                target[int(last)] = files.get(key)
            else:
                target[last] = files.get(key)
    return operations
