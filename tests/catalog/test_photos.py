"""Phone photos through the real Pillow pipeline: upright, no GPS, sRGB, limits by content."""

import io
import time

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from graphql_relay import to_global_id
from PIL import Image

from catalog.models import ProductMedia
from tests.conftest import GraphQLClient
from tests.fixtures_catalog import image_file

pytestmark = pytest.mark.django_db

UPLOAD = """mutation($id: ID!, $image: Upload!, $alt: String) {
  productMediaCreate(id: $id, image: $image, alt: $alt) {
    media { id url width height alt review thumbnail(size: 256) }
    errors { field code message } } }"""


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def upload(gql, product, file, alt="Emping dalam kemasan"):
    return gql.upload(UPLOAD, {"id": to_global_id("Product", product.pk), "alt": alt},
                      {"image": file})["productMediaCreate"]


def phone_photo_with_rotation_and_gps() -> SimpleUploadedFile:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    exif[0x010F] = "Samsung"
    exif[0x8825] = {1: "S", 2: (6.0, 7.0, 30.0), 3: "E", 4: (106.0, 9.0, 0.0)}
    return image_file("IMG_20261123.jpg", size=(400, 200), exif=exif)


def stored_image(media_id: str) -> Image.Image:
    from graphql_relay import from_global_id

    media = ProductMedia.objects.get(pk=from_global_id(media_id)[1])
    with media.image.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


def test_phone_photo_is_turned_upright_and_loses_its_location(gql, seller, published,
                                                              media_root):
    result = upload(gql.login(seller.owner), published, phone_photo_with_rotation_and_gps())
    assert result["errors"] == []
    media = result["media"]
    assert (media["width"], media["height"]) == (200, 400)
    image = stored_image(media["id"])
    assert image.size == (200, 400)
    exif = image.getexif()
    assert 0x8825 not in exif and 0x0112 not in exif and 0x010F not in exif
    assert exif.get_ifd(0x8825) == {}
    assert image.mode == "RGB" and "icc_profile" not in image.info and "exif" not in image.info


def test_png_keeps_its_transparency(gql, seller, published, media_root):
    png = image_file("logo.png", size=(300, 300), fmt="PNG", mode="RGBA", color=(0, 0, 0, 0))
    result = upload(gql.login(seller.owner), published, png)
    assert result["errors"] == []
    image = stored_image(result["media"]["id"])
    assert image.format == "PNG" and image.mode == "RGBA"
    assert image.getpixel((10, 10))[3] == 0


def test_an_iphone_heic_photo_is_stored_as_jpeg(gql, seller, published, media_root):
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (10, 120, 200)).save(buffer, "HEIF", quality=80)
    heic = SimpleUploadedFile("IMG_0001.HEIC", buffer.getvalue(), content_type="image/heic")
    result = upload(gql.login(seller.owner), published, heic)
    assert result["errors"] == []
    image = stored_image(result["media"]["id"])
    assert image.format == "JPEG" and image.size == (640, 480)


def test_a_text_file_named_jpg_is_refused_by_its_content(gql, seller, published, media_root):
    fake = SimpleUploadedFile("foto.jpg", b"bukan gambar, hanya teks\n" * 20,
                              content_type="image/jpeg")
    result = upload(gql.login(seller.owner), published, fake)
    assert result["errors"][0]["code"] == "INVALID_IMAGE"
    assert result["errors"][0]["field"] == "image"
    assert ProductMedia.objects.count() == 0


def test_a_decompression_bomb_is_refused_without_being_decoded(gql, seller, published,
                                                               media_root):
    buffer = io.BytesIO()
    Image.new("1", (8000, 6000)).save(buffer, "PNG")  # 48 megapixels in a few kilobytes
    bomb = SimpleUploadedFile("kecil.png", buffer.getvalue(), content_type="image/png")
    assert bomb.size < 100_000
    result = upload(gql.login(seller.owner), published, bomb)
    assert result["errors"][0]["code"] == "TOO_MANY_PIXELS"
    assert ProductMedia.objects.count() == 0


def test_a_file_over_10_mb_is_refused(gql, seller, published, media_root):
    header = image_file(size=(64, 64)).read()
    big = SimpleUploadedFile("besar.jpg", header + b"\0" * (10 * 1024 * 1024),
                             content_type="image/jpeg")
    result = upload(gql.login(seller.owner), published, big)
    assert result["errors"][0]["code"] == "FILE_TOO_LARGE"


def test_at_most_ten_photos(gql, seller, category_a, media_root):
    from catalog.services.products import product_create

    draft = product_create(seller, {"name": "Kopi Bubuk"}, [{"sku": "KOPI-1", "price": 30000}])
    gql.login(seller.owner)
    for i in range(10):
        assert upload(gql, draft, image_file(f"{i}.jpg", size=(64, 64)))["errors"] == []
    eleventh = upload(gql, draft, image_file("11.jpg", size=(64, 64)))
    assert eleventh["errors"][0]["code"] == "TOO_MANY_PHOTOS"
    assert draft.media.count() == 10


def test_a_new_photo_on_a_published_product_waits_for_review(gql, seller, published,
                                                             manager_a, media_root):
    result = upload(gql.login(seller.owner), published, image_file())
    assert result["media"]["review"] == "PENDING_ADD"
    query = '{ product(id: "%s") { media { alt } thumbnail } }' % to_global_id(
        "Product", published.pk)
    assert GraphQLClient()(query)["product"] == {"media": [], "thumbnail": None}
    gql('mutation { productSubmit(id: "%s") { errors { code } } }'
        % to_global_id("Product", published.pk))
    gql.login(manager_a)('mutation { productApprove(id: "%s") { errors { code } } }'
                         % to_global_id("Product", published.pk))
    shown = GraphQLClient()(query)["product"]
    assert shown["media"] == [{"alt": "Emping dalam kemasan"}]
    assert shown["thumbnail"].endswith((".jpg", ".webp"))


def test_reorder_and_alt_text(gql, seller, published, media_root, manager_a):
    gql.login(manager_a)  # catalog staff changes apply at once
    first = upload(gql, published, image_file("a.jpg"), alt="depan")["media"]["id"]
    second = upload(gql, published, image_file("b.jpg"), alt="belakang")["media"]["id"]
    gql('mutation { productMediaReorder(id: "%s", mediaIds: ["%s", "%s"]) { errors { code } } }'
        % (to_global_id("Product", published.pk), second, first))
    gql('mutation { productMediaUpdate(id: "%s", alt: "tampak depan") { errors { code } } }'
        % first)
    media = GraphQLClient()('{ product(id: "%s") { media { alt } } }'
                            % to_global_id("Product", published.pk))["product"]["media"]
    assert media == [{"alt": "belakang"}, {"alt": "tampak depan"}]


@pytest.mark.worker
def test_thumbnails_are_made_by_a_celery_worker_and_served_instead_of_the_original(
        gql, seller, published, media_root, manager_a, celery_worker_thread):
    gql.login(manager_a)
    result = upload(gql, published, image_file(size=(1600, 1200)))
    assert result["media"]["thumbnail"].endswith(".jpg")  # the original, until ready
    media = ProductMedia.objects.get()
    deadline = time.monotonic() + 30
    while not media.thumbnails and time.monotonic() < deadline:
        time.sleep(0.2)
        media.refresh_from_db()
    assert set(media.thumbnails) == {"128", "256", "512", "1024"}
    for size, formats in media.thumbnails.items():
        with default_storage.open(formats["webp"]) as handle:
            thumb = Image.open(handle)
            assert thumb.format == "WEBP" and max(thumb.size) == int(size)
    url = GraphQLClient()('{ product(id: "%s") { thumbnail(size: 200) } }' % to_global_id(
        "Product", published.pk))["product"]["thumbnail"]
    assert url.endswith("/256.webp")


def test_a_phone_jpeg_labelled_mpo_is_accepted(gql, seller, published, media_root):
    buffer = io.BytesIO()
    first, second = Image.new("RGB", (300, 200), (200, 0, 0)), Image.new("RGB", (60, 40))
    first.save(buffer, "MPO", save_all=True, append_images=[second])
    assert Image.open(io.BytesIO(buffer.getvalue())).format == "MPO"
    result = upload(gql.login(seller.owner), published,
                    SimpleUploadedFile("IMG_MPO.jpg", buffer.getvalue()))
    assert result["errors"] == []
    assert stored_image(result["media"]["id"]).format == "JPEG"


def test_a_header_claiming_hundreds_of_megapixels_is_refused(gql, seller, published,
                                                             media_root):
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, "PNG")  # 400 MP, past Pillow's own alarm
    result = upload(gql.login(seller.owner), published,
                    SimpleUploadedFile("raksasa.png", buffer.getvalue()))
    assert result["errors"][0]["code"] == "TOO_MANY_PIXELS"
