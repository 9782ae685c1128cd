"""Which cooperative's store a page shows: the `/k/<slug>/` prefix or the request's host.

Every storefront page goes through `shop_page`, so the cooperative is resolved in one place
and a page of cooperative A can only be reached at A's address."""

from functools import wraps

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from backend.cooperatives.selectors import cooperative_by_slug
from backend.cooperatives.tenancy import remember_cooperative, request_cooperative


def shop_page(view):
    """Resolve the store (404 when there is none) and keep it on the request."""

    @wraps(view)
    def wrapper(request, *args, coop: str | None = None, **kwargs):
        if coop is not None:
            cooperative = cooperative_by_slug(coop)
            remember_cooperative(request, cooperative)
        else:
            cooperative = request_cooperative(request)
        if cooperative is None:
            raise Http404("No such store")
        request.shop = cooperative
        request.shop_slug_routed = coop is not None
        bahasa_first(request)
        return view(request, cooperative, *args, **kwargs)

    return wrapper


def bahasa_first(request) -> None:
    """The store speaks Bahasa Indonesia unless the shopper chose English in the footer:
    many phones are set to English, their owners still read Indonesian best."""
    from django.conf import settings
    from django.utils import translation

    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    translation.activate(language)
    request.LANGUAGE_CODE = language


def signed_in(view):
    """Inside `shop_page`: send a guest to sign in first, and back here after."""

    @wraps(view)
    def wrapper(request, cooperative, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{shop_url(request, 'sign-in')}?next={request.path}")
        return view(request, cooperative, *args, **kwargs)

    return wrapper


def shop_url(request, name: str, *args) -> str:
    """A storefront address in the same form the shopper came in on (host or /k/slug/)."""
    if getattr(request, "shop_slug_routed", False):
        return reverse(f"shop-k:{name}", args=[request.shop.slug, *args])
    return reverse(f"shop:{name}", args=list(args))


def absolute_shop_url(request, name: str, *args) -> str:
    return request.build_absolute_uri(shop_url(request, name, *args))
