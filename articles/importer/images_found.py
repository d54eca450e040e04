"""The images of web captures, given to their photos through the upload checks.

A page names its images by address; a WARC may hold them as records of their
own, anywhere in the file. So after a web archive's pages are imported, its
image records are read one at a time and each goes to the photos that show it
and have no image yet. An image inlined in a saved page (a data: URI) goes to
its photo as the page is imported. Either way the image passes the checks an
editor's upload does (content, size, pixels, markup) and readers get our own
re-encoding without EXIF or GPS data; the file as captured is kept privately.
"""

from __future__ import annotations

import base64
import binascii
import io
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from PIL import Image

from articles.images import (
    EXTENSION,
    check_upload,
    make_renditions,
    no_files_left_on_error,
    reencode,
)
from articles.models import Photo

from .webarchive import image_records, is_wacz, is_warc

_IMAGES_PER_COMMIT = 20
_IDS_PER_QUERY = 500


def attach(photo: Photo, data: bytes) -> str | None:
    """Give ``photo`` the image ``data`` if it passes the upload checks; else say why not."""
    name = f"captured-{photo.pk}{_extension(data)}"
    upload = ContentFile(data, name=name)
    try:
        check_upload(upload)
    except ValidationError as error:
        return " ".join(error.messages)
    try:
        clean = reencode(upload, name)
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        return f"the image cannot be re-encoded ({error})"
    # A failure part-way (a rendition, the row) leaves none of the files behind.
    with no_files_left_on_error(photo):
        photo.original.save(name, ContentFile(data), save=False)
        photo.image.save(name, clean, save=False)  # sets width and height
        photo.renditions = make_renditions(photo)
        # An image changes no text that search reads, so the row is updated rather than
        # saved: no re-indexing, and the update retires cached pages (ContentQuerySet)
        # and counts as a new version for editors' forms.
        Photo.objects.filter(pk=photo.pk).update(
            image=photo.image.name,
            original=photo.original.name,
            width=photo.width,
            height=photo.height,
            renditions=photo.renditions,
            version=F("version") + 1,
        )
    return None


def attach_inlined(photos: list[Photo], images: list[str | None]) -> list[str]:
    """Give each photo the image its page inlined (a data: URI), if any; the problems."""
    problems = []
    for photo, image in zip(photos, images, strict=True):
        if not image or not image.startswith("data:"):
            continue
        data = _data_uri(image)
        problem = "not a base64 image" if data is None else attach(photo, data)
        if problem:
            problems.append(f"inlined image of photo #{photo.pk}: {problem}")
    return problems


def attach_from_archive(
    stream: BinaryIO, max_bytes: int, article_ids: Iterable[int], max_expanded: int | None = None
) -> Iterator[tuple[str, str | None]]:
    """Give the photos of the articles just imported from this archive (``article_ids``)
    the images it holds for them; yields, for each photo so given, the image's address
    and what went wrong (None if nothing). Photos of other articles are never touched:
    an archive cannot change what the archive already shows."""
    head = stream.read(8)
    stream.seek(0)
    if not (is_warc(head) or is_wacz(head)):
        return  # a text capture or a saved page holds no image records
    waiting = _photos_waiting(article_ids)
    if not waiting:
        return
    pending: list[tuple[str, bytes]] = []
    for url, data in image_records(stream, max_bytes, max_expanded):
        if url not in waiting:
            continue
        pending.append((url, data))
        # Several images a transaction, as a commit is a disk sync; few enough
        # that what waits stays small.
        if len(pending) >= _IMAGES_PER_COMMIT or sum(len(d) for _, d in pending) > max_bytes:
            yield from _attach_all(waiting, pending)
            pending = []
    yield from _attach_all(waiting, pending)


def _photos_waiting(article_ids: Iterable[int]) -> dict[str, list[int]]:
    """The photos of these articles still without an image, by the address of the
    image their page showed; read in slices, so each query stays small however
    many articles an archive brought."""
    ids = list(article_ids)
    waiting: dict[str, list[int]] = {}
    for start in range(0, len(ids), _IDS_PER_QUERY):
        photos = Photo.objects.filter(article_id__in=ids[start : start + _IDS_PER_QUERY], image="")
        for url, pk in photos.exclude(source_url="").values_list("source_url", "pk"):
            waiting.setdefault(url, []).append(pk)
    return waiting


def _attach_all(
    waiting: dict[str, list[int]], images: list[tuple[str, bytes]]
) -> list[tuple[str, str | None]]:
    with transaction.atomic():
        return [
            (url, attach(photo, data))
            for url, data in images
            for photo in Photo.objects.filter(pk__in=waiting[url], image="")
        ]


def _data_uri(value: str) -> bytes | None:
    header, _, payload = value.partition(",")
    if ";base64" not in header:
        return None
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        return None


def _extension(data: bytes) -> str:
    """The name's extension for what the bytes are, so the upload check compares the
    content with itself rather than with a name the page chose."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return EXTENSION.get(image.format, ".bin")
    except Exception:  # noqa: BLE001 - any unreadable image is for check_upload to refuse
        return ".bin"
