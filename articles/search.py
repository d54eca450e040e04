"""Full-text search over articles, their quotes and captions.

One module hides which engine answers: SQLite's FTS5 or PostgreSQL's full-text
search (see migration 0006 for the indexes). Whatever a reader types is reduced
to plain words before it reaches either engine, so search syntax (quotes,
``*``, ``NEAR(``, ``AND OR``) can never cause an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Article, SearchDocument
from .pagination import MAX_PAGES, PER_PAGE

MAX_WORDS = 12
# Readers page through at most this many hits: the lists' page cap.
MAX_HITS = MAX_PAGES * PER_PAGE
MAX_WORD_LENGTH = 60
# Private-use characters mark matches inside snippets; they cannot occur in
# indexed text (documents are cleaned of them) and are swapped for <mark>
# only after the snippet has been HTML-escaped.
MARK_START, MARK_END = "\ue000", "\ue001"
_WORD = re.compile(r"\w+", re.UNICODE)
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ue000\ue001]")

# PostgreSQL: the stored, GIN-indexed tsvector of each document (migration 0010).
POSTGRES_VECTOR = "search_vector"


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


@dataclass(frozen=True)
class Results:
    """How many articles match (``total``, at most ``MAX_HITS``), and one page of them.

    ``more`` says there were more than ``MAX_HITS``: then ``total`` is a floor,
    and the page is ordered newest-indexed first instead of by relevance.
    """

    total: int
    hits: list[Hit]
    more: bool = False


def ranked(queryset: QuerySet, query: str, offset: int, limit: int) -> Results:
    """How many articles of ``queryset`` match, and one page of them, best first.

    Past ``MAX_HITS`` matches, counting and ranking every one would cost the
    engine hundreds of milliseconds for a word in nearly every article, to
    rank pages no reader can reach; such a search says "more than" and lists
    the latest matches instead.
    """
    tokens = words(query)
    if not tokens:
        return Results(0, [])
    engine = _Postgres(tokens) if connection.vendor == "postgresql" else _Fts5(tokens)
    # The articles' conditions are checked per match (a correlated EXISTS on
    # the primary key), so the engine's matches drive: an uncorrelated IN
    # would first list every public article on each search.
    selected = queryset.order_by().filter(pk=RawSQL(engine.article_id, [])).values("pk")
    try:
        subquery, sub_params = selected.query.sql_with_params()
    except EmptyResultSet:
        # .none() (what an invalid filter selects) has no SQL at all: nothing matches.
        return Results(0, [])
    with connection.cursor() as cursor:
        found, rows = engine.matches(cursor, subquery, sub_params, offset, limit)
        more = found > MAX_HITS
        total = min(found, MAX_HITS)
        snippets = {}
        if rows:
            cursor.execute(*engine.snippets([pk for pk, _ in rows]))
            snippets = {pk: engine.snippet(*texts) for pk, *texts in cursor.fetchall()}
    hits = [Hit(pk, float(score), highlight(snippets.get(pk, ""))) for pk, score in rows]
    return Results(total, hits, more)


class _Engine:
    def matches(self, cursor, subquery, params, offset, limit) -> tuple[int, list]:
        """How many articles match (counted up to MAX_HITS + 1), and the
        (id, score) rows of the page: best first, or latest first past MAX_HITS."""
        cursor.execute(*self.count(subquery, params))
        found = cursor.fetchone()[0]
        return found, self.page_of(cursor, found, subquery, params, offset, limit)

    def page_of(self, cursor, found, subquery, params, offset, limit) -> list:
        reachable = min(found, MAX_HITS)
        if offset >= reachable:
            return []
        limit = min(limit, reachable - offset)
        cursor.execute(*self.page(subquery, params, limit, offset, found <= MAX_HITS))
        return cursor.fetchall()


class _Fts5(_Engine):
    """SQLite: the FTS5 table ``articles_search_fts``, rowid = article id."""

    article_id = "articles_search_fts.rowid"

    def __init__(self, tokens: list[str]):
        self.match = _fts5_query(tokens)

    def count(self, subquery, params):
        sql = (
            "SELECT count(*) FROM (SELECT 1 FROM articles_search_fts "
            f"WHERE articles_search_fts MATCH %s AND EXISTS ({subquery}) LIMIT %s)"
        )
        return sql, [self.match, *params, MAX_HITS + 1]

    def page(self, subquery, params, limit, offset, by_relevance):
        # Headline words weigh more than body words.
        order = "score, rowid DESC" if by_relevance else "rowid DESC"
        sql = (
            "SELECT rowid, bm25(articles_search_fts, 8.0, 1.0) AS score "
            "FROM articles_search_fts WHERE articles_search_fts MATCH %s "
            f"AND EXISTS ({subquery}) ORDER BY {order} LIMIT %s OFFSET %s"
        )
        return sql, [self.match, *params, limit, offset]

    def snippets(self, ids):
        marks = ", ".join(["%s"] * len(ids))
        sql = (
            "SELECT rowid, snippet(articles_search_fts, -1, %s, %s, '…', 24) "
            "FROM articles_search_fts WHERE articles_search_fts MATCH %s "
            f"AND rowid IN ({marks})"
        )
        return sql, [MARK_START, MARK_END, self.match, *ids]

    @staticmethod
    def snippet(cut: str) -> str:
        return cut  # FTS5 cut, marked and ended it


class _Postgres(_Engine):
    """PostgreSQL: the stored, GIN-indexed ``POSTGRES_VECTOR`` of each search document."""

    article_id = "articles_searchdocument.article_id"

    def __init__(self, tokens: list[str]):
        self.text = " ".join(tokens)

    def count(self, subquery, params):
        sql = (
            "SELECT count(*) FROM (SELECT 1 FROM articles_searchdocument "
            f"WHERE {POSTGRES_VECTOR} @@ plainto_tsquery('simple', %s) "
            f"AND EXISTS ({subquery}) LIMIT %s) AS matching"
        )
        return sql, [self.text, *params, MAX_HITS + 1]

    def page(self, subquery, params, limit, offset, by_relevance):
        order = "score DESC, article_id DESC" if by_relevance else "article_id DESC"
        score = f"ts_rank_cd({POSTGRES_VECTOR}, q)" if by_relevance else "0"
        sql = (
            f"SELECT article_id, {score} AS score "
            "FROM articles_searchdocument, plainto_tsquery('simple', %s) AS q "
            f"WHERE {POSTGRES_VECTOR} @@ q AND EXISTS ({subquery}) "
            f"ORDER BY {order} LIMIT %s OFFSET %s"
        )
        return sql, [self.text, *params, limit, offset]

    def snippets(self, ids):
        sql = (
            "SELECT article_id, ts_headline('simple', headline || ' — ' || text, "
            "plainto_tsquery('simple', %s), %s), headline || ' — ' || text "
            "FROM articles_searchdocument WHERE article_id = ANY(%s)"
        )
        return sql, [self.text, HEADLINE_OPTIONS, list(ids)]

    @staticmethod
    def snippet(cut: str, whole: str) -> str:
        # As FTS5 does: "…" where the text goes on before or after the cut.
        plain = cut.replace(MARK_START, "").replace(MARK_END, "").strip()
        whole = whole.strip()
        before = "" if whole.startswith(plain) else "…"
        return before + cut.strip() + ("" if whole.endswith(plain) else "…")


# As FTS5's snippet(): about two dozen words around the best match, marked.
HEADLINE_OPTIONS = (
    f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=24, MinWords=12, '
    'ShortWord=0, MaxFragments=1, FragmentDelimiter=" … "'
)


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
