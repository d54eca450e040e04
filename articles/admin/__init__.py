"""The editors' admin, one module per area of work."""

# Registers what revisions keep before any VersionAdmin introspects its inlines.
from articles import history  # noqa: F401, I001

from . import accounts, content, login, media, moderation, places, records, site  # noqa: F401
