"""The archive's records, one module per concern."""

from .articles import Article, ArticleQuerySet, Source
from .captures import Capture
from .comments import Comment
from .districts import District, DistrictAlias
from .events import Event
from .media import Caption, Photo
from .quotes import Person, Quote
from .search import SearchDocument

__all__ = [
    "Article",
    "ArticleQuerySet",
    "Caption",
    "Capture",
    "Comment",
    "District",
    "DistrictAlias",
    "Event",
    "Person",
    "Photo",
    "Quote",
    "SearchDocument",
    "Source",
]
