"""What every server-rendered page (storefront, seller portal, manager console) does the same
way: show a service's ValidationError to the person, and follow a `next` address only when it
stays on this site."""

from urllib.parse import urlsplit

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.http import url_has_allowed_host_and_scheme

WHOLE_FORM = "__all__"


def error_messages(error: ValidationError) -> dict[str, list[str]]:
    """A service's errors as texts by field ("__all__" for the whole), parameters filled in."""
    if hasattr(error, "error_dict"):
        return {field: [str(text) for item in items for text in item.messages]
                for field, items in error.error_dict.items()}
    return {WHOLE_FORM: [str(text) for text in error.messages]}


def error_text(error: ValidationError) -> str:
    """Every message of the error in one line, for a notice or a flash message."""
    return " ".join(text for texts in error_messages(error).values() for text in texts)


def form_add_errors(form, error: ValidationError, fields: dict[str, str] | None = None,
                    *, default: str | None = None) -> None:
    """A service's errors shown beside the form's fields: `fields` renames the service's
    field names to the form's; an error of no field of the form goes to `default` (a field
    name), else above the form."""
    fields = fields or {}
    for field, texts in error_messages(error).items():
        target = fields.get(field, field)
        target = target if target in form.fields else default
        for text in texts:
            form.add_error(target, text)


def messages_add_errors(request, error: ValidationError | forms.BaseForm) -> None:
    """A service's errors, or an invalid form's (each after its field's label), as flash
    messages on the page the person sees next."""
    if isinstance(error, forms.BaseForm):
        for field, texts in error.errors.items():
            label = error.fields[field].label if field in error.fields else None
            for text in texts:
                messages.error(request, f"{label}: {text}" if label else text)
        return
    for texts in error_messages(error).values():
        for text in texts:
            messages.error(request, text)


def safe_next(request, default: str, target: str | None = None) -> str:
    """Where to go after a form: the `next` address asked for when it is a page of this
    site (not //other-host, /\\other-host, another scheme, a bare word or control
    characters), else `default`."""
    if target is None:
        target = request.POST.get("next") or request.GET.get("next") or ""
    if target.isprintable() and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) and urlsplit(target).path.startswith("/"):
        return target
    return default
