"""Serving photo files: only those of public articles to readers, all of them to staff."""

import mimetypes
import re
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.views.decorators.http import require_GET

from articles.models import Photo

_RENDITION = re.compile(r"^renditions/(\d+)/")


@require_GET
def media_file(request, name: str):
    """A file under MEDIA_ROOT, if it belongs to a photo the requester may see.

    Readers get the image and renditions of photos of public articles; a
    photo on a draft is not found for them. Original uploads live elsewhere
    and have no URL at all.
    """
    if "\x00" in name:
        # No file name has one, and PostgreSQL refuses it in a query (a 500).
        raise Http404("No such file.")
    photos = Photo.objects.all() if request.user.is_staff else Photo.objects.public()
    rendition = _RENDITION.match(name)
    if rendition:
        photo = photos.filter(pk=int(rendition.group(1))).first()
        allowed = photo is not None and name in photo.renditions.values()
    else:
        allowed = photos.filter(image=name).exists()
    if not allowed or not default_storage.exists(name):
        raise Http404("No such file.")
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if settings.ARCHIVE_MEDIA_ACCEL_REDIRECT:
        # nginx sends the file from its internal location, with these headers.
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.ARCHIVE_MEDIA_ACCEL_REDIRECT + quote(name)
    else:
        response = FileResponse(default_storage.open(name), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    # Revalidated on every use: a photo of an article unpublished a moment ago
    # must not stay in a shared cache.
    response["Cache-Control"] = "private, no-store" if request.user.is_staff else "no-cache"
    return response
