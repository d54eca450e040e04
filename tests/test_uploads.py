"""Uploads: checked by content, re-encoded without metadata, never served from a draft."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.admin.concurrency import PhotoForm
from articles.models import Article, Photo

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ORIENTATION = 0x0112


@pytest.fixture(autouse=True)
def media_dirs(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings


def image_bytes(fmt="JPEG", size=(1200, 800), exif=False, **options) -> bytes:
    image = Image.new("RGB", size, (120, 40, 40))
    buffer = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[ORIENTATION] = 6  # rotated: must be stood upright
        data.get_ifd(GPS_IFD)[2] = (40.0, 4.0, 0.0)  # a latitude that locates the photographer
        options["exif"] = data.tobytes()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def photo_form(file, instance=None) -> PhotoForm:
    form_class = type(
        "Form",
        (PhotoForm,),
        {"Meta": type("Meta", (), {"model": Photo, "fields": ["image", "credit", "version"]})},
    )
    return form_class(
        data={"credit": "Synthetic, AGENCY"}, files={"image": file}, instance=instance
    )


def errors_for(name: str, content: bytes) -> str:
    form = photo_form(upload(name, content))
    assert not form.is_valid()
    return " ".join(form.errors["image"])


def test_a_jpeg_is_stood_upright_and_stripped_of_every_metadata_block():
    form = photo_form(upload("synthetic.jpg", image_bytes(exif=True)))
    assert form.is_valid(), form.errors
    photo = form.save()
    with Image.open(photo.image.path) as served:
        assert served.size == (800, 1200)  # orientation applied
        assert not served.getexif()
        assert "exif" not in served.info and "xmp" not in served.info
    with photo.original.open("rb") as original, Image.open(original) as kept:
        assert kept.getexif().get_ifd(GPS_IFD)  # the evidence is kept, privately
    with pytest.raises(ValueError):
        photo.original.url  # noqa: B018


@pytest.mark.parametrize(("name", "fmt"), [("synthetic.png", "PNG"), ("synthetic.webp", "WEBP")])
def test_png_and_webp_are_accepted_and_re_encoded(name, fmt):
    form = photo_form(upload(name, image_bytes(fmt)))
    assert form.is_valid(), form.errors
    photo = form.save()
    with Image.open(photo.image.path) as served:
        assert served.format == fmt


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.jpg", b"", "empty"),
        ("named-wrong.jpg", image_bytes("PNG"), "content is PNG"),
        ("truncated.jpg", image_bytes()[:2000], "truncated or corrupt"),
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "Only JPEG, PNG"),
        ("drawing.png", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "markup"),
        ("polyglot.png", image_bytes("PNG") + b"<html><script>alert(1)</script></html>", "markup"),
        ("noise.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 500, "corrupt"),
        ("animated.gif", b"GIF89a", "Only JPEG, PNG"),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_error(name, content, message):
    assert message in errors_for(name, content)


def test_the_size_limit_is_a_setting(settings):
    settings.ARCHIVE_UPLOAD_MAX_BYTES = 1000
    assert "at most" in errors_for("big.png", image_bytes("PNG", size=(400, 400)) + b"\0" * 1000)


def test_the_pixel_limit_is_a_setting(settings):
    settings.ARCHIVE_UPLOAD_MAX_PIXELS = 100_000
    assert "megapixels" in errors_for("wide.png", image_bytes("PNG", size=(1000, 1000)))


def test_the_pixel_limit_counts_animation_frames(settings):
    settings.ARCHIVE_UPLOAD_MAX_PIXELS = 300_000
    frames = [Image.new("RGB", (300, 300), (i * 40, 0, 0)) for i in range(5)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "WEBP", save_all=True, append_images=frames[1:])
    assert "megapixels" in errors_for("animated.webp", buffer.getvalue())


def test_a_decompression_bomb_warning_is_an_error(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10_000)
    assert "decompression bomb" in errors_for("bomb.png", image_bytes("PNG", size=(200, 200)))


def test_renditions_are_made_once_and_offered_in_srcset(client, make_article):
    form = photo_form(upload("synthetic.jpg", image_bytes(size=(2000, 1000))))
    assert form.is_valid()
    photo = form.save()
    photo.article = make_article()
    photo.save()
    assert sorted(photo.renditions, key=int) == ["480", "960", "1600"]
    made = dict(photo.renditions)
    photo.save()
    assert photo.renditions == made
    body = client.get(photo.article.get_absolute_url()).content.decode()
    # The article's lead image: offered in every size, and loaded at once (it is above the fold).
    assert "480w" in body and 'class="photo lead"' in body


def test_draft_photos_are_not_served_to_readers_but_are_to_staff(
    client, admin_client, make_article
):
    form = photo_form(upload("synthetic.jpg", image_bytes()))
    assert form.is_valid()
    photo = form.save()
    photo.article = make_article(status=Article.Status.DRAFT)
    photo.save()
    url = photo.image.url
    assert client.get(url).status_code == 404
    assert admin_client.get(url).status_code == 200
    photo.article.status = Article.Status.PUBLISHED
    photo.article.save()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"


def test_only_files_of_photos_are_served(client, media_dirs):
    (media_dirs.MEDIA_ROOT / "stray.txt").parent.mkdir(parents=True, exist_ok=True)
    (media_dirs.MEDIA_ROOT / "stray.txt").write_text("not a photo")
    assert client.get("/media/stray.txt").status_code == 404
    assert client.get("/media/../newsroom/settings.py").status_code == 404


def test_an_editor_uploads_through_the_admin(editor_client, make_article):
    article = make_article()
    url = reverse("admin:articles_photo_add")
    response = editor_client.post(
        url,
        {
            "image": upload("synthetic.jpg", image_bytes(exif=True)),
            "credit": "Synthetic, AGENCY",
            "article": article.pk,
            "captions-TOTAL_FORMS": 0,
            "captions-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    photo = Photo.objects.get()
    with Image.open(photo.image.path) as served:
        assert not served.getexif()


def test_an_admin_upload_of_a_polyglot_shows_the_error(editor_client):
    response = editor_client.post(
        reverse("admin:articles_photo_add"),
        {
            "image": upload("x.png", image_bytes("PNG") + b"<script>x</script>"),
            "captions-TOTAL_FORMS": 0,
            "captions-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "web markup" in response.content.decode()
    assert not Photo.objects.exists()


def encoded(mode: str, fmt: str, size: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, fmt)
    return buffer.getvalue()


def files_in(*folders) -> list[str]:
    return sorted(
        str(p) for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()
    )


@pytest.mark.parametrize(
    ("name", "mode", "fmt", "size"),
    [
        ("wide.png", "RGB", "PNG", (1000, 1)),
        ("wide.jpg", "RGB", "JPEG", (5000, 4)),
        ("tall.png", "RGB", "PNG", (1, 5000)),
        ("taller-than-webp.png", "L", "PNG", (500, 40000)),
        ("sixteen-bit.png", "I;16", "PNG", (2000, 3)),
        ("palette.png", "P", "PNG", (2000, 2)),
        ("grey-alpha.png", "LA", "PNG", (3000, 2)),
        ("print.jpg", "CMYK", "JPEG", (3000, 2)),
        ("one-bit.png", "1", "PNG", (3000, 1)),
        ("widest.webp", "RGBA", "WEBP", (16383, 1)),
    ],
)
def test_every_image_the_checks_accept_is_saved_with_renditions_it_can_show(
    media_dirs, name, mode, fmt, size
):
    form = photo_form(upload(name, encoded(mode, fmt, size)))
    assert form.is_valid(), form.errors

    photo = form.save()

    assert (photo.width, photo.height) == size
    for width, rendition in photo.renditions.items():
        with Image.open(media_dirs.MEDIA_ROOT / rendition) as smaller:
            assert smaller.width == int(width) and smaller.height >= 1
            smaller.load()
    if size[0] > 480 and size[1] * 480 / size[0] <= 16383:
        assert "480" in photo.renditions


def fail_on_second_rendition(monkeypatch):
    from articles import images

    calls = []
    real = images._save

    def save(image, buffer, fmt, **options):
        calls.append(fmt)
        if len(calls) == 2:
            raise OSError("disk full")
        real(image, buffer, fmt, **options)

    monkeypatch.setattr(images, "_save", save)


def test_a_save_that_fails_leaves_no_file_behind_in_media_or_private_storage(
    media_dirs, monkeypatch
):
    form = photo_form(upload("synthetic.jpg", image_bytes(size=(2000, 1000))))
    assert form.is_valid()
    fail_on_second_rendition(monkeypatch)  # after the image, original and one rendition

    with pytest.raises(OSError, match="disk full"):
        form.save()

    assert not Photo.objects.exists()
    assert files_in(media_dirs.MEDIA_ROOT, media_dirs.PRIVATE_MEDIA_ROOT) == []


def test_an_imported_image_that_fails_half_way_leaves_no_file_behind(media_dirs, monkeypatch):
    from articles.importer.images_found import attach

    photo = Photo.objects.create(credit="Synthetic, AGENCY")
    fail_on_second_rendition(monkeypatch)

    with pytest.raises(OSError, match="disk full"):
        attach(photo, image_bytes("PNG", size=(2000, 1000)))

    assert files_in(media_dirs.MEDIA_ROOT, media_dirs.PRIVATE_MEDIA_ROOT) == []
