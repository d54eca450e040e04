"""What an extraction yields, free of Django so it can be tested and reused anywhere."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RelatedStory:
    headline: str
    teaser: str


@dataclass(frozen=True)
class QuoteFound:
    text: str
    speaker: str | None
    speaker_description: str | None
    # The sentence the quotation stands in, for an editor to check its speaker;
    # not part of the archive's JSON shape.
    sentence: str = field(default="", compare=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "speaker_description": self.speaker_description,
        }


@dataclass(frozen=True)
class PhotoFound:
    credit: str
    # Keyed by language code in the order the captions appear around the credit.
    captions: dict[str, str] = field(default_factory=dict, hash=False)
    # Where a web page shows the image (an address, or a data: URI).
    image: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"captions": dict(self.captions), "credit": self.credit}


@dataclass(frozen=True)
class CommentFound:
    user: str
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"user": self.user, "text": self.text}


@dataclass
class Extraction:
    section: str
    headline: str
    published: datetime.datetime
    source: str | None
    related: list[RelatedStory] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    quotes: list[QuoteFound] = field(default_factory=list)
    photos: list[PhotoFound] = field(default_factory=list)
    comments: list[CommentFound] = field(default_factory=list)
    byline: str | None = None
    # Detected from the article's own paragraphs (captions keep theirs).
    language: str = "en"
    districts: list[str] = field(default_factory=list)
    places_mentioned: list[str] = field(default_factory=list)
    dates_mentioned: list[datetime.date] = field(default_factory=list)
    # A web capture's address and the time it was captured.
    from_web: bool = False
    original_url: str | None = None
    captured_at: datetime.datetime | None = None

    @property
    def body(self) -> str:
        """The article text as stored: paragraphs separated by a blank line."""
        return "\n\n".join(self.paragraphs)

    def as_dict(self) -> dict[str, Any]:
        """The extraction in the archive's JSON shape (the keys of a ``.gold.json`` file)."""
        return {
            "section": self.section,
            "headline": self.headline,
            # Formatted by hand: strftime drops the zero padding of years before 1000.
            "published": f"{self.published.date().isoformat()}T{self.published:%H:%M}",
            "source": self.source,
            "related_headlines": [story.headline for story in self.related],
            "districts": list(self.districts),
            "places_mentioned": list(self.places_mentioned),
            "dates_mentioned": [day.isoformat() for day in self.dates_mentioned],
            "quotes": [quote.as_dict() for quote in self.quotes],
            "photos": [photo.as_dict() for photo in self.photos],
            "comments": [comment.as_dict() for comment in self.comments],
            "byline": self.byline,
            "language": self.language,
        } | (self._web_dict() if self.from_web else {})

    def _web_dict(self) -> dict[str, Any]:
        """What a web capture adds: where and when it was captured, and each photo's
        image address (null when the capture does not hold it)."""
        photos = [
            photo.as_dict() | {"image": photo.image if photo.image else None}
            for photo in self.photos
        ]
        return {
            "photos": photos,
            "original_url": self.original_url,
            "captured_at": self.captured_at.isoformat() if self.captured_at else None,
        }
