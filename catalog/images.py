"""Photos from phones made safe: real images only, limited in size, upright, sRGB, and with
no metadata left (phone photos carry GPS)."""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

from backend.error_codes import FileErrorCode
from backend.uploads import PHOTO_MAX_BYTES, read_upload

# iPhones take HEIC photos; they are stored as JPEG.
register_heif_opener()

MAX_PIXELS = 40_000_000
THUMBNAIL_SIZES = (128, 256, 512, 1024)
# MPO is how many phones label a JPEG that carries extra (multi-picture) data.
ACCEPTED_FORMATS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "HEIF": "jpg"}
SRGB = ImageCms.createProfile("sRGB")


@dataclass
class CleanImage:
    content: bytes
    extension: str
    width: int
    height: int


def _reject(message, code: str):
    raise ValidationError({"image": ValidationError(message, code=code)})


def clean_image(upload) -> CleanImage:
    """Validate by content (not by file name) and re-encode without metadata."""
    data = read_upload(upload, "image", PHOTO_MAX_BYTES)
    try:
        # Opening reads only the header: the pixel count is checked before decoding, so a
        # decompression bomb is refused without being expanded.
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        _reject(_("The photo has more than 40 megapixels."), FileErrorCode.TOO_MANY_PIXELS)
    except (UnidentifiedImageError, OSError):
        _reject(_("This file is not a JPEG, PNG, WebP or HEIC photo."), FileErrorCode.INVALID_IMAGE)
    if image.format not in ACCEPTED_FORMATS:
        _reject(_("This file is not a JPEG, PNG, WebP or HEIC photo."), FileErrorCode.INVALID_IMAGE)
    if image.width * image.height > MAX_PIXELS:
        _reject(_("The photo has more than 40 megapixels."), FileErrorCode.TOO_MANY_PIXELS)
    try:
        image.load()
        upright = ImageOps.exif_transpose(image)
        upright = _to_srgb(upright)
    except (OSError, Image.DecompressionBombError, SyntaxError):
        _reject(_("The photo is damaged and cannot be read."), FileErrorCode.INVALID_IMAGE)
    output = io.BytesIO()
    image_format = image.format
    if image_format in ("JPEG", "MPO", "HEIF"):
        upright.convert("RGB").save(output, "JPEG", quality=88, optimize=True, progressive=True)
    elif image_format == "PNG":
        upright.save(output, "PNG", optimize=True)
    else:
        upright.save(output, "WEBP", quality=85)
    return CleanImage(output.getvalue(), ACCEPTED_FORMATS[image_format], upright.width,
                      upright.height)


def _to_srgb(image: Image.Image) -> Image.Image:
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in
                                                  image.info)
    image = image.convert("RGBA" if has_alpha else "RGB")
    icc = image.info.get("icc_profile")
    if icc:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        image = ImageCms.profileToProfile(image, source, SRGB, outputMode=image.mode)
    # A fresh image carries no EXIF, XMP, ICC or text chunks from the original.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def make_thumbnails(source: bytes) -> dict[int, dict[str, bytes]]:
    """WebP and JPEG at each size (longest side), never larger than the original."""
    image = Image.open(io.BytesIO(source))
    image.load()
    result = {}
    for size in THUMBNAIL_SIZES:
        thumb = image.copy()
        thumb.thumbnail((size, size), Image.Resampling.LANCZOS)
        webp, jpeg = io.BytesIO(), io.BytesIO()
        thumb.save(webp, "WEBP", quality=80, method=4)
        flat = thumb
        if thumb.mode in ("RGBA", "LA"):
            flat = Image.new("RGB", thumb.size, (255, 255, 255))
            flat.paste(thumb, mask=thumb.getchannel("A"))
        flat.convert("RGB").save(jpeg, "JPEG", quality=82, optimize=True, progressive=True)
        result[size] = {"webp": webp.getvalue(), "jpeg": jpeg.getvalue()}
    return result
