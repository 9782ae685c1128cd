"""Base of every mutation: permission check, then the service, then errors as data."""

import graphene
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from graphene.types.mutation import MutationOptions

from backend.error_codes import CommonErrorCode

from .errors import PermissionDenied, errors_from_validation
from .ids import node_for
from .permissions import authenticated_user, check_permission, require_cooperative


class BaseMutationOptions(MutationOptions):
    error_type = None
    error_code_enum = None
    permission = None
    login_required = False
    operator_only = False


class BaseMutation(graphene.Mutation):
    """Subclasses set in Meta:

    - `error_type` (from core.errors.error_type): the type of the `errors` list;
    - `permission`: a staff permission needed in the cooperative the mutation acts on
      (found by `get_cooperative`); `login_required`; `operator_only`.

    and implement `perform_mutation(cls, root, info, **data)`, which calls a service and
    returns the payload. Each mutation runs in its own savepoint: a `ValidationError` from
    the service (or a delete refused because other rows still point at the object) becomes
    the `errors` list and undoes what this mutation wrote, while other mutations of the same
    document keep theirs. (Text with a NUL character never gets here: the view refuses the
    request, core/limits.py.)
    """

    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(cls, error_type=None, permission=None, login_required=False,
                                    operator_only=False, _meta=None, **options):
        if _meta is None:
            _meta = BaseMutationOptions(cls)
        assert error_type is not None, f"{cls.__name__} needs Meta.error_type"
        _meta.error_type = error_type
        code_type = error_type._meta.fields["code"].type
        _meta.error_code_enum = getattr(code_type, "of_type", code_type)
        _meta.permission = permission
        _meta.login_required = login_required or permission is not None or operator_only
        _meta.operator_only = operator_only
        cls.errors = graphene.List(graphene.NonNull(error_type), required=True)
        super().__init_subclass_with_meta__(_meta=_meta, **options)
        # A refused mutation answers its payload with only `errors` set: a required field
        # beside it would null the whole payload and hide the errors from the client.
        required = [name for name, field in _meta.fields.items()
                    if name != "errors" and isinstance(field.type, graphene.NonNull)]
        assert not required, f"{cls.__name__}: payload fields {required} must be nullable"

    @classmethod
    def get_cooperative(cls, info, **data):
        """The cooperative the mutation acts on; override when it comes from an object ID."""
        return require_cooperative(info, data.get("cooperative"))

    @classmethod
    def check_permissions(cls, info, **data):
        if not cls._meta.login_required:
            return
        user = authenticated_user(info)
        if cls._meta.operator_only and not user.is_superuser:
            raise PermissionDenied()
        if cls._meta.permission is not None:
            check_permission(info, cls.get_cooperative(info, **data), cls._meta.permission)

    @classmethod
    def mutate(cls, root, info, **data):
        try:
            with transaction.atomic():
                cls.check_permissions(info, **data)
                return cls.perform_mutation(root, info, **data)
        except ProtectedError as error:
            return cls(errors=errors_from_validation(in_use_error(error),
                                                     cls._meta.error_code_enum))
        except ValidationError as error:
            return cls(errors=errors_from_validation(error, cls._meta.error_code_enum))

    @classmethod
    def perform_mutation(cls, root, info, **data):
        raise NotImplementedError(f"{cls.__name__} must implement perform_mutation")


def in_use_error(error: ProtectedError) -> ValidationError:
    """A delete refused by a protecting foreign key (a service that knows better says why in
    its own words first), said for people instead of Django's "protected foreign keys"."""
    return ValidationError({"id": ValidationError(
        _("This cannot be deleted because other records still refer to it."),
        code=CommonErrorCode.IN_USE)})


class ModelMutation(BaseMutation):
    """A mutation on one object named by its Relay ID; it acts in the object's cooperative
    (so a permission in Meta is checked there). Subclasses set `node`, the object's type;
    the object is found through `ids.node_for`, as the caller may see it."""

    class Meta:
        abstract = True

    node = None

    @classmethod
    def queryset(cls):
        """Override to load related rows with the object (select_related)."""
        return None

    @classmethod
    def get_object(cls, info, global_id: str, field: str = "id"):
        """The object, looked up once per request however many times it is asked for."""
        cache = info.context.__dict__.setdefault("_mutation_objects", {})
        key = (cls.node._meta.name, global_id)
        if key not in cache:
            cache[key] = node_for(info, global_id, cls.node, field=field,
                                  queryset=cls.queryset())
        return cache[key]

    @classmethod
    def get_cooperative(cls, info, **data):
        return cls.get_object(info, data["id"]).cooperative
