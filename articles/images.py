"""Uploaded images: checked by content, re-encoded without metadata, rendered in a few widths.

A photo can locate the photographer through its EXIF/GPS data, so no file a
reader can reach is ever the upload itself: what is served is our own
re-encoding, with orientation applied and every metadata block dropped. The
upload is kept as evidence in private storage that has no URL.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, IptcImagePlugin, UnidentifiedImageError

from articles import image_contents

# Extension → the only format its content may have.
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
EXTENSION = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
EXIF_IFD, GPS_IFD = 0x8769, 0x8825
# Markup instead of an image: named as such rather than as a corrupt image.
_MARKUP = re.compile(rb"<\s*(html|script|svg|body|iframe|object|embed|\?php|!doctype)", re.I)
# Bytes some cameras pad a file with: they cannot spell anything.
_PADDING = b"\x00\xff"
# The widest WebP (our renditions' format) that can be written, in either direction.
WEBP_MAX_SIDE = 16383
_POLYGLOT = _("The file contains web markup as well as an image, and is refused.")


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Where original uploads are kept: on disk, with no URL at all."""

    def __init__(self):
        # Owner-only whatever the settings say: these files locate photographers.
        super().__init__(
            base_url=None, file_permissions_mode=0o600, directory_permissions_mode=0o700
        )

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
    try:
        checked, metadata = _decode(data)
    except ValidationError:
        if _MARKUP.search(data):
            raise ValidationError(_POLYGLOT, code="polyglot") from None
        raise
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
    _check_purely_an_image(data, checked.format, metadata)
    return checked


def _check_purely_an_image(data: bytes, fmt: str, metadata: list[bytes]) -> None:
    try:
        found = image_contents.contents(data, fmt, metadata)
    except image_contents.Malformed:
        raise ValidationError(
            _("The file is not a readable image (it may be truncated or corrupt)."),
            code="corrupt",
        ) from None
    if found.has_markup():
        raise ValidationError(_POLYGLOT, code="polyglot")
    if found.trailing.strip(_PADDING):
        raise ValidationError(
            _(
                "The file holds %(size)s bytes of other data after the end of the image, and "
                "is refused. Save the image again from an image editor and upload that copy."
            ),
            code="trailing_data",
            params={"size": len(found.trailing)},
        )


def _read(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _decode(data: bytes) -> tuple[CheckedImage, list[bytes]]:
    """Decode every pixel, so truncated and corrupt files fail here, not when served.

    Also returns the strings of the image's EXIF and IPTC metadata, for the markup check.
    """
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
                metadata = _metadata_strings(image)
                if checked.width * checked.height * checked.frames > (
                    settings.ARCHIVE_UPLOAD_MAX_PIXELS
                ):
                    return checked, metadata  # too large to decode; refused by the caller
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
    return checked, metadata


def _metadata_strings(image: Image.Image) -> list[bytes]:
    exif = image.getexif()
    values = [*exif.values(), *exif.get_ifd(EXIF_IFD).values(), *exif.get_ifd(GPS_IFD).values()]
    iptc = IptcImagePlugin.getiptcinfo(image) if image.format == "JPEG" else None
    for value in (iptc or {}).values():
        values += value if isinstance(value, list) else [value]
    return [
        v.encode("utf-8", "replace") if isinstance(v, str) else v
        for v in values
        if v and isinstance(v, (str, bytes))
    ]


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


@contextlib.contextmanager
def no_files_left_on_error(photo) -> Iterator[None]:
    """If the block fails, delete every file it wrote for ``photo``: image, original, renditions.

    The database rolls back a failed save; this does the same for the files.
    """
    before = _file_names(photo)
    try:
        yield
    except BaseException:
        for storage, name in _file_names(photo) - before:
            storage.delete(name)
        raise


def _file_names(photo) -> set[tuple[Storage, str]]:
    # A file not yet written carries its upload's bare name; once written, its
    # path in storage: so a name that changed is a file the block wrote.
    names = {(f.storage, f.name) for f in (photo.image, photo.original) if f}
    storage = photo._meta.get_field("image").storage
    return names | {(storage, name) for name in (photo.renditions or {}).values()}


def make_renditions(photo) -> dict[str, str]:
    """Narrower copies of the photo's image for srcset, made once and then reused."""
    if not photo.image:
        return {}
    storage = photo.image.storage
    made: dict[str, str] = {}
    written: list[str] = []
    try:
        _render(photo, storage, made, written)
    except BaseException:
        for name in written:  # none left behind by a rendition that failed half-way
            storage.delete(name)
        raise
    return made


def _render(photo, storage: Storage, made: dict[str, str], written: list[str]) -> None:
    try:
        source = storage.open(photo.image.name)
    except OSError:
        return  # the file is missing; verify_archive reports it
    with source as fh, Image.open(fh) as image:
        image.load()
        for width in rendition_widths():
            # At least a pixel high, however wide the image; and no taller than
            # WebP can hold (a very tall image is then offered at full size only).
            height = max(1, round(image.height * width / image.width))
            if width >= image.width or height > WEBP_MAX_SIDE:
                continue
            name = f"renditions/{photo.pk}/{PurePath(photo.image.name).stem}-{width}w.webp"
            if not storage.exists(name):
                smaller = _without_metadata(image, "WEBP").resize(
                    (width, height), Image.Resampling.LANCZOS
                )
                buffer = io.BytesIO()
                _save(smaller, buffer, "WEBP")
                name = storage.save(name, ContentFile(buffer.getvalue()))
                written.append(name)
            made[str(width)] = name
