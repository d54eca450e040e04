"""The editors' admin, one module per area of work."""

from . import content, media, moderation, places, records  # noqa: F401
