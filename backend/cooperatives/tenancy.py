"""Which cooperative a request is about, resolved once per request.

Order: an explicit `cooperative` slug argument (GraphQL) wins, then the `X-Cooperative`
header, then the host name the request came in on.
"""

from django.http import HttpRequest

from .models import Cooperative
from .selectors import cooperative_by_slug, cooperative_for_host

COOPERATIVE_HEADER = "HTTP_X_COOPERATIVE"
_UNRESOLVED = object()


def request_cooperative(request: HttpRequest) -> Cooperative | None:
    """The cooperative named by the request's header or host; cached on the request."""
    cached = getattr(request, "_cooperative", _UNRESOLVED)
    if cached is not _UNRESOLVED:
        return cached
    slug = request.META.get(COOPERATIVE_HEADER, "").strip()
    if slug:
        cooperative = cooperative_by_slug(slug)
    else:
        cooperative = cooperative_for_host(request.get_host())
    request._cooperative = cooperative
    return cooperative


def remember_cooperative(request: HttpRequest, cooperative: Cooperative | None) -> None:
    """Make `cooperative` the request's (a page routed by `/k/<slug>/`, say), so everything
    later in the request acts in it."""
    request._cooperative = cooperative


def scoped_to(queryset, cooperative: Cooperative):
    """The rows of `queryset` that belong to `cooperative` (the cooperative itself for
    Cooperative rows)."""
    if queryset.model is Cooperative:
        return queryset.filter(pk=cooperative.pk)
    return queryset.filter(cooperative=cooperative)


def cooperative_for(request: HttpRequest, slug: str | None = None) -> Cooperative | None:
    """The cooperative an operation acts on: the explicit slug if given, else the request's."""
    if not slug:
        return request_cooperative(request)
    by_slug = getattr(request, "_cooperatives_by_slug", None)
    if by_slug is None:
        by_slug = request._cooperatives_by_slug = {}
    if slug not in by_slug:
        by_slug[slug] = cooperative_by_slug(slug)
    return by_slug[slug]
