"""Uploaded images: checked by content, re-encoded without metadata, rendered in a few widths.

A photo can locate the photographer through its EXIF/GPS data, so no file a
reader can reach is ever the upload itself: what is served is our own
re-encoding, with orientation applied and every metadata block dropped. The
upload is kept as evidence in private storage that has no URL.
"""

from __future__ import annotations

import io
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Extension → the only format its content may have.
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
EXTENSION = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
# Markup hidden in an image file (a polyglot) could run if a browser ever
# sniffed the file as HTML; such files are refused outright.
_MARKUP = re.compile(rb"<\s*(html|script|svg|body|iframe|object|embed|\?php|!doctype)", re.I)


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Where original uploads are kept: on disk, with no URL at all."""

    def __init__(self):
        super().__init__(base_url=None)

    # Read on every use rather than once, so the setting can change (in tests).
    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Original uploads are private and have no URL.")


@dataclass(frozen=True)
class CheckedImage:
    format: str
    width: int
    height: int
    frames: int


def check_upload(upload) -> CheckedImage:
    """Refuse anything but a sound JPEG, PNG or WebP whose content matches its name.

    Raises ValidationError with a message an editor can act on.
    """
    limit = settings.ARCHIVE_UPLOAD_MAX_BYTES
    size = getattr(upload, "size", None)
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > limit:
        raise ValidationError(
            _("The file is %(size).1f MB; images may be at most %(limit).1f MB."),
            code="too_large",
            params={"size": size / 1_048_576, "limit": limit / 1_048_576},
        )
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in FORMATS:
        raise ValidationError(
            _("Only JPEG, PNG and WebP images can be uploaded (.jpg, .jpeg, .png, .webp)."),
            code="extension",
        )
    data = _read(upload)
    if _MARKUP.search(data):
        raise ValidationError(
            _("The file contains web markup as well as an image, and is refused."),
            code="polyglot",
        )
    checked = _decode(data)
    if checked.format != FORMATS[extension]:
        raise ValidationError(
            _("The file is named %(ext)s but its content is %(format)s."),
            code="mismatch",
            params={"ext": extension, "format": checked.format},
        )
    pixels = checked.width * checked.height * checked.frames
    if pixels > settings.ARCHIVE_UPLOAD_MAX_PIXELS:
        raise ValidationError(
            _("The image has %(mp).1f megapixels; at most %(limit).0f are accepted."),
            code="too_many_pixels",
            params={"mp": pixels / 1e6, "limit": settings.ARCHIVE_UPLOAD_MAX_PIXELS / 1e6},
        )
    return checked


def _read(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _decode(data: bytes) -> CheckedImage:
    """Decode every pixel, so truncated and corrupt files fail here, not when served."""
    try:
        with warnings.catch_warnings():
            # A decompression bomb is an error, not a warning, here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                checked = CheckedImage(
                    image.format, image.width, image.height, getattr(image, "n_frames", 1)
                )
                if checked.width * checked.height * checked.frames > (
                    settings.ARCHIVE_UPLOAD_MAX_PIXELS
                ):
                    return checked  # too large to decode; refused by the caller
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("The image is too large to open safely (a decompression bomb)."), code="bomb"
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            _("The file is not a readable image (it may be truncated or corrupt)."),
            code="corrupt",
        ) from None
    return checked


def reencode(upload, name: str) -> ContentFile:
    """Our own copy of the image: upright, first frame, with no EXIF, GPS, XMP or IPTC."""
    with Image.open(io.BytesIO(_read(upload))) as image:
        image.seek(0)
        upright = ImageOps.exif_transpose(image)
        fmt = image.format
        clean = _without_metadata(upright, fmt)
    buffer = io.BytesIO()
    _save(clean, buffer, fmt)
    return ContentFile(buffer.getvalue(), name=PurePath(name).stem + EXTENSION[fmt])


def _without_metadata(image: Image.Image, fmt: str) -> Image.Image:
    transparent = image.mode in ("RGBA", "LA") or (
        image.mode == "P" and "transparency" in image.info
    )
    mode = "RGBA" if transparent and fmt != "JPEG" else "RGB"
    # A fresh image holds pixels only: nothing of the original's info survives.
    clean = Image.new(mode, image.size)
    clean.paste(image.convert(mode))
    return clean


def _save(image: Image.Image, buffer, fmt: str, **options) -> None:
    if fmt == "JPEG":
        image.convert("RGB").save(buffer, "JPEG", quality=88, optimize=True, **options)
    elif fmt == "PNG":
        image.save(buffer, "PNG", optimize=True, **options)
    else:
        image.save(buffer, "WEBP", quality=85, **options)


def rendition_widths() -> list[int]:
    return sorted(settings.ARCHIVE_RENDITION_WIDTHS)


def make_renditions(photo) -> dict[str, str]:
    """Narrower copies of the photo's image for srcset, made once and then reused."""
    if not photo.image:
        return {}
    storage = photo.image.storage
    made = {}
    try:
        source = storage.open(photo.image.name)
    except OSError:
        return {}  # the file is missing; verify_archive reports it
    with source as fh, Image.open(fh) as image:
        image.load()
        for width in rendition_widths():
            if width >= image.width:
                continue
            name = f"renditions/{photo.pk}/{PurePath(photo.image.name).stem}-{width}w.webp"
            if not storage.exists(name):
                height = round(image.height * width / image.width)
                buffer = io.BytesIO()
                _save(image.resize((width, height), Image.Resampling.LANCZOS), buffer, "WEBP")
                name = storage.save(name, ContentFile(buffer.getvalue()))
            made[str(width)] = name
    return made
