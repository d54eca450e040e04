"""Uploads that are not purely an image are refused: markup in their metadata, data after their end.

A browser that ever took such a file for a web page would run what it hides,
so the README promises they are refused, with a message saying why.
"""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

from articles.images import check_upload

MARKUP = [
    b'<meta http-equiv="refresh" content="0;url=https://example.org/">',
    b"<a href=javascript:alert(1)>open</a>",
    b'<form action="https://example.org/steal"><input name=p></form>',
    b"<img src=x onerror=alert(1)>",
    b"<x-card tabindex=1 onfocus=alert(1) autofocus>",
    b"<svg/onload=alert(1)>",
]
IDS = ["meta refresh", "javascript link", "form", "img onerror", "any tag's handler", "svg"]


def picture(fmt: str, size=(64, 48), **options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (90, 60, 30)).save(buffer, fmt, **options)
    return buffer.getvalue()


def png_with(add) -> bytes:
    info = PngImagePlugin.PngInfo()
    add(info)
    return picture("PNG", pnginfo=info)


def refusal(name: str, data: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile(name, data))
    return refused.value


def refused_as_markup(name: str, data: bytes) -> None:
    error = refusal(name, data)
    assert error.code == "polyglot"
    assert "web markup as well as an image" in error.messages[0]


@pytest.mark.parametrize("markup", MARKUP, ids=IDS)
@pytest.mark.parametrize(
    "chunk",
    [
        lambda info, text: info.add_text("Comment", text.decode()),
        lambda info, text: info.add_text("Comment", text.decode(), zip=True),
        lambda info, text: info.add_itxt("Description", text.decode(), zip=True),
        lambda info, text: info.add(b"htMl", text),
    ],
    ids=["tEXt", "zTXt (compressed)", "iTXt (compressed)", "a chunk of its own"],
)
def test_markup_in_a_png_text_chunk_is_refused(markup, chunk):
    refused_as_markup("chunk.png", png_with(lambda info: chunk(info, markup)))


@pytest.mark.parametrize("markup", MARKUP, ids=IDS)
def test_markup_in_a_jpeg_comment_is_refused(markup):
    refused_as_markup("comment.jpg", picture("JPEG", comment=markup))


@pytest.mark.parametrize("fmt", ["JPEG", "WEBP"])
def test_markup_in_exif_or_xmp_is_refused(fmt):
    exif = Image.Exif()
    exif[0x010E] = "<img src=x onerror=alert(1)>"  # ImageDescription
    name = "described." + fmt.lower().replace("jpeg", "jpg")
    refused_as_markup(name, picture(fmt, exif=exif.tobytes()))
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><script>alert(1)</script></x:xmpmeta>'
    refused_as_markup(name, picture(fmt, xmp=xmp))


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_markup_after_the_end_of_the_image_is_refused(fmt):
    name = "appended." + fmt.lower().replace("jpeg", "jpg")
    refused_as_markup(name, picture(fmt) + b"<a href=javascript:alert(1)>x</a>")


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_any_data_after_the_end_of_the_image_is_refused_saying_so(fmt):
    name = "appended." + fmt.lower().replace("jpeg", "jpg")
    error = refusal(name, picture(fmt) + b"PK\x03\x04 a zip archive rides along")
    assert error.code == "trailing_data"
    assert "after the end of the image" in error.messages[0]


def test_a_jpeg_without_its_end_marker_is_refused_as_truncated():
    data = picture("JPEG")
    assert data.endswith(b"\xff\xd9")
    assert refusal("cut.jpg", data[:-2]).code == "corrupt"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("gimp.png", png_with(lambda info: info.add_text("Software", "GIMP 2.10"))),
        ("credited.jpg", picture("JPEG", comment=b"Photo: Synthetic Photographer, AGENCY")),
        (
            "xmp.jpg",
            picture(
                "JPEG",
                xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/'
                b'1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about=""/></rdf:RDF>'
                b"</x:xmpmeta>",
            ),
        ),
        ("padded.jpg", picture("JPEG") + b"\x00" * 64),
        ("large.jpg", picture("JPEG", size=(2400, 1600), quality=95)),
    ],
    ids=["png software tag", "jpeg credit comment", "plain xmp", "zero padding", "a large photo"],
)
def test_ordinary_metadata_and_padding_are_accepted(name, data):
    assert check_upload(SimpleUploadedFile(name, data)).width > 0
