from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from backend.pages import error_text, form_add_errors
from catalog.models import MediaReview, Product
from catalog.services.media import product_media_arrange, product_media_create

from ..access import object_of
from ..forms import PhotoUploadForm
from ..inputs import whole


@login_required
@require_http_methods(["GET", "POST"])
def product_photos(request, product_id: int):
    """A seller's photos of one product, and a form to add one (the same service as the
    productMediaCreate mutation)."""
    product = object_of(Product.objects.select_related("seller", "cooperative"), product_id,
                        user=request.user, seller_field="seller")
    form = PhotoUploadForm()
    if request.method == "POST" and request.POST.get("action") == "arrange":
        return _arrange(request, product)
    if request.method == "POST":
        form = PhotoUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                media = product_media_create(product, request.user, form.cleaned_data["image"],
                                             form.cleaned_data["alt"])
            except ValidationError as error:
                form_add_errors(form, error, default="image")
            else:
                request.session["photo_notice"] = (
                    _("Photo added. It is shown after the cooperative checks it.")
                    if media.review == MediaReview.PENDING_ADD else _("Photo added."))
                return redirect("dashboard:product-photos", product_id=product.pk)
    return render(request, "dashboard/product_photos.html", {
        "seller": product.seller,
        "product": product, "form": form, "notice": request.session.pop("photo_notice", None),
        "photos": product.media.order_by("position", "pk"),
    }, status=400 if form.errors else 200)


def _arrange(request, product):
    """Order (numbers typed beside the photos) and what each photo shows, in one save."""
    photos = list(product.media.order_by("position", "pk"))

    def place(photo):
        typed = whole(request.POST.get(f"position-{photo.pk}"))
        return (10**6 if typed is None else typed, photo.position, photo.pk)

    alts = {photo.pk: request.POST[f"alt-{photo.pk}"] for photo in photos
            if f"alt-{photo.pk}" in request.POST}
    try:
        product_media_arrange(product, [p.pk for p in sorted(photos, key=place)], alts)
    except ValidationError as error:
        request.session["photo_notice"] = error_text(error)
    else:
        request.session["photo_notice"] = _("Saved.")
    return redirect("dashboard:product-photos", product_id=product.pk)
