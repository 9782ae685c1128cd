import graphene

from backend.error_codes import FileErrorCode
from backend.graphql.core.ids import pk_from_global_id
from backend.graphql.core.upload import Upload

from ...models import ProductMedia
from ...services import media as services
from ..types import CatalogError, ProductMediaNode, ProductNode
from .base import SellerScopedMutation


class ProductMediaCreate(SellerScopedMutation):
    media = graphene.Field(ProductMediaNode)
    product = graphene.Field(ProductNode)
    node = ProductNode

    class Arguments:
        id = graphene.ID(required=True, description="The product.")
        image = Upload(required=True, description="JPEG, PNG, WebP or HEIC; at most 10 "
                                                  "MB and 40 megapixels.")
        alt = graphene.String()

    class Meta:
        description = "Add a photo. Location data is removed; thumbnails follow shortly."
        error_type = CatalogError

    @classmethod
    def perform_mutation(cls, root, info, id, image, alt=""):
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        if image is None or not hasattr(image, "read"):
            raise ValidationError({"image": ValidationError(
                _("Send the photo as a file in a multipart request."),
                code=FileErrorCode.INVALID_FILE)})
        product = cls.get_object(info, id)
        media = services.product_media_create(product, info.context.user, image, alt or "")
        return cls(media=media, product=product, errors=[])


class _MediaMutation(SellerScopedMutation):
    media = graphene.Field(ProductMediaNode)
    node = ProductMediaNode

    class Meta:
        abstract = True

    @classmethod
    def queryset(cls):
        return ProductMedia.objects.select_related("product__seller")

    @classmethod
    def seller_of(cls, obj):
        return obj.product.seller


class ProductMediaUpdate(_MediaMutation):
    class Arguments:
        id = graphene.ID(required=True)
        alt = graphene.String(required=True)

    class Meta:
        error_type = CatalogError

    @classmethod
    def perform_mutation(cls, root, info, id, alt):
        media = services.product_media_update(cls.get_object(info, id), alt=alt)
        return cls(media=media, errors=[])


class ProductMediaDelete(_MediaMutation):
    deleted_id = graphene.ID()
    removal_in_review = graphene.Boolean()

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        error_type = CatalogError

    @classmethod
    def perform_mutation(cls, root, info, id):
        gone = services.product_media_delete(cls.get_object(info, id), info.context.user)
        return cls(deleted_id=id, removal_in_review=not gone, errors=[])


class ProductMediaReorder(SellerScopedMutation):
    product = graphene.Field(ProductNode)
    node = ProductNode

    class Arguments:
        id = graphene.ID(required=True, description="The product.")
        media_ids = graphene.List(graphene.NonNull(graphene.ID), required=True,
                                  description="Every photo of the product, in the new order.")

    class Meta:
        error_type = CatalogError

    @classmethod
    def perform_mutation(cls, root, info, id, media_ids):
        product = cls.get_object(info, id)
        ordered = [pk_from_global_id(m, "ProductMedia", "media_ids") for m in media_ids]
        services.product_media_reorder(product, ordered)
        return cls(product=product, errors=[])


