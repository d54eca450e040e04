"""The editors' admin, one module per area of work."""

from . import content, login, media, moderation, places, records  # noqa: F401
