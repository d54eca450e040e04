"""One capture to import, whatever it came in: a text capture, or a web page's markup."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from articles.places import Gazetteer

from .errors import ParseError
from .model import Extraction
from .parser import extract

logger = logging.getLogger(__name__)

TEXT = "text/plain"
HTML = "text/html"


@dataclass(frozen=True)
class Captured:
    """The captured text, kept unchanged, with what the capture says of where it came from."""

    text: str
    media_type: str = TEXT
    # For web captures: the page's address, when it was captured, and the WARC
    # record it came from (its ID and payload digest), where there was one.
    url: str | None = None
    captured_at: datetime.datetime | None = None
    record_id: str = ""
    payload_digest: str = ""
    # The bytes as captured and their encoding, where they are not ``text`` in UTF-8
    # (a page in an older encoding); None where they are.
    original: bytes | None = None
    charset: str = ""

    def extract(self, gazetteer: Gazetteer) -> Extraction:
        """The extraction of this capture; ParseError when it holds no article."""
        if self.media_type == HTML:
            from .webpage import extract_page  # trafilatura loads only for web captures

            try:
                return extract_page(self.text, gazetteer, self.url, self.captured_at)
            except ParseError:
                raise
            except Exception as error:  # noqa: BLE001 - markup of any shape must not stop a run
                # A page whose markup or metadata takes a shape nobody foresaw is one
                # failed capture with a reason, never a crash of the whole import.
                logger.warning("Cannot read web page %s", self.url, exc_info=True)
                raise ParseError(f"cannot read this web page ({type(error).__name__})") from None
        return extract(self.text, gazetteer)
