"""Full-text search over articles, their quotes and captions.

One module hides which engine answers: SQLite's FTS5 or PostgreSQL's full-text
search (see migration 0006 for the indexes). Whatever a reader types is reduced
to plain words before it reaches either engine, so search syntax (quotes,
``*``, ``NEAR(``, ``AND OR``) can never cause an error.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Article, SearchDocument

MAX_WORDS = 12
MAX_WORD_LENGTH = 60
# Private-use characters mark matches inside snippets; they cannot occur in
# indexed text (documents are cleaned of them) and are swapped for <mark>
# only after the snippet has been HTML-escaped.
MARK_START, MARK_END = "\ue000", "\ue001"
_WORD = re.compile(r"\w+", re.UNICODE)
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ue000\ue001]")

# Must stay identical to the expression of the GIN index in migration 0006.
POSTGRES_VECTOR = (
    "(setweight(to_tsvector('simple'::regconfig, headline), 'A')"
    " || setweight(to_tsvector('simple'::regconfig, text), 'B'))"
)


@dataclass(frozen=True)
class Hit:
    article_id: int
    score: float
    snippet: SafeString


def words(query: str) -> list[str]:
    """The plain words of what a reader typed; everything else is dropped."""
    if not isinstance(query, str):
        return []
    found = [w.replace("_", "") for w in _WORD.findall(query[:1000])]
    return [w[:MAX_WORD_LENGTH] for w in found if w][:MAX_WORDS]


def _fts5_query(tokens: list[str]) -> str:
    # Each word quoted: FTS5 reads it as a string, never as an operator.
    return " ".join(f'"{token}"' for token in tokens)


def filter_matching(queryset: QuerySet, query: str) -> QuerySet:
    """Articles of ``queryset`` that contain every word of ``query``."""
    tokens = words(query)
    if not tokens:
        return queryset
    if connection.vendor == "postgresql":
        matching = RawSQL(
            f"SELECT article_id FROM articles_searchdocument "
            f"WHERE {POSTGRES_VECTOR} @@ plainto_tsquery('simple', %s)",
            [" ".join(tokens)],
        )
    else:
        matching = RawSQL(
            "SELECT rowid FROM articles_search_fts WHERE articles_search_fts MATCH %s",
            [_fts5_query(tokens)],
        )
    return queryset.filter(pk__in=matching)


def ranked(queryset: QuerySet, query: str, offset: int, limit: int) -> tuple[int, list[Hit]]:
    """How many articles of ``queryset`` match, and one page of them, best first."""
    tokens = words(query)
    if not tokens:
        return 0, []
    try:
        subquery, sub_params = queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        # .none() (what an invalid filter selects) has no SQL at all: nothing matches.
        return 0, []
    if connection.vendor == "postgresql":
        count_sql = (
            f"SELECT count(*) FROM articles_searchdocument WHERE {POSTGRES_VECTOR} "
            f"@@ plainto_tsquery('simple', %s) AND article_id IN ({subquery})"
        )
        page_sql = (
            f"SELECT article_id, ts_rank_cd({POSTGRES_VECTOR}, q) AS score, "
            f"ts_headline('simple', headline || ' — ' || text, q, %s) "
            f"FROM articles_searchdocument, plainto_tsquery('simple', %s) AS q "
            f"WHERE {POSTGRES_VECTOR} @@ q AND article_id IN ({subquery}) "
            f"ORDER BY score DESC, article_id DESC LIMIT %s OFFSET %s"
        )
        text = " ".join(tokens)
        options = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12"
        count_params = [text, *sub_params]
        page_params = [options, text, *sub_params, limit, offset]
    else:
        match = _fts5_query(tokens)
        count_sql = (
            "SELECT count(*) FROM articles_search_fts WHERE articles_search_fts MATCH %s "
            f"AND rowid IN ({subquery})"
        )
        # Headline words weigh more than body words.
        page_sql = (
            "SELECT rowid, bm25(articles_search_fts, 8.0, 1.0) AS score, "
            "snippet(articles_search_fts, -1, %s, %s, '…', 24) "
            "FROM articles_search_fts WHERE articles_search_fts MATCH %s "
            f"AND rowid IN ({subquery}) ORDER BY score, rowid DESC LIMIT %s OFFSET %s"
        )
        count_params = [match, *sub_params]
        page_params = [MARK_START, MARK_END, match, *sub_params, limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(count_sql, count_params)
        total = cursor.fetchone()[0]
        if offset >= total:
            return total, []
        cursor.execute(page_sql, page_params)
        rows = cursor.fetchall()
    return total, [Hit(pk, float(score), highlight(snippet)) for pk, score, snippet in rows]


def highlight(snippet: str) -> SafeString:
    """Escape a snippet, then turn the engine's match markers into <mark>."""
    escaped = escape(snippet or "")
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def _clean(text: str) -> str:
    return _UNSAFE.sub(" ", text or "")


def document(
    article: Article, quotes: Iterable[str] = (), captions: Iterable[str] = ()
) -> SearchDocument:
    """The searchable text of an article, given the texts of its quotes and captions."""
    parts = [article.summary, article.body, *quotes, *captions]
    return SearchDocument(
        article=article,
        headline=_clean(article.headline),
        text=_clean("\n".join(p for p in parts if p)),
    )


_deferred = threading.local()


@contextmanager
def indexing_deferred():
    """Within this block saves do not reindex; the caller writes the documents itself.

    Bulk paths (the importer, generated archives) build every document from
    what they hold in memory, once, instead of once per saved part.
    """
    previous = getattr(_deferred, "active", False)
    _deferred.active = True
    try:
        yield
    finally:
        _deferred.active = previous


def indexing_is_deferred() -> bool:
    return getattr(_deferred, "active", False)


def index_articles(ids: Iterable[int]) -> int:
    """(Re)build the search documents of the given articles; returns how many."""
    ids = list(ids)
    if not ids:
        return 0
    articles = Article.objects.filter(pk__in=ids).prefetch_related("quotes", "photos__captions")
    documents = [
        document(
            a,
            quotes=[q.text for q in a.quotes.all()],
            captions=[c.text for p in a.photos.all() for c in p.captions.all()],
        )
        for a in articles
    ]
    # Delete then insert, so the FTS triggers see plain inserts.
    SearchDocument.objects.filter(article_id__in=ids).delete()
    SearchDocument.objects.bulk_create(documents, batch_size=500)
    return len(documents)
