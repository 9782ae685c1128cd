"""Names the schema shows for things graphene-django names by itself."""

from graphene.utils.str_converters import to_camel_case


def choice_enum_name(field) -> str:
    """A model field's choices as `<Model><Field>Enum` (`UserLanguageEnum`), like the enums
    the domains name by hand, instead of graphene-django's `AccountsUserLanguageChoices`."""
    field_name = to_camel_case(field.name)
    return f"{field.model._meta.object_name}{field_name[:1].upper()}{field_name[1:]}Enum"
