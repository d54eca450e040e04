"""What the web benchmark needs to know about the archive it loads, as JSON.

Run by bench/web_bench.py with the benchmark's environment. Also times, in
process, the search query alone (typical words and the commonest) and the
app's answer to a revalidation of an unchanged article (a 304).
"""

from __future__ import annotations

import datetime
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from articles import search  # noqa: E402
from articles.models import Article  # noqa: E402
from articles.pagination import MAX_PAGES  # noqa: E402
from articles.synthetic import TAIL_TERMS, synthetic_articles  # noqa: E402

DISTRICT = "kalbajar"
# Readers search mostly for rare words (names, places): tail terms from rank
# 10 to 5,000, spaced evenly on a log scale. "synthetic" is in every article.
TYPICAL = [TAIL_TERMS[round(10 * 500 ** (i / 24)) - 1] for i in range(25)]
MOST_COMMON = "synthetic"
# A rare word for an archive of any size: the tail term that finds about this many.
RARE_HITS = 50


def rare_word(articles: int) -> str:
    """The tail term that finds closest to RARE_HITS public articles."""
    # Each article holds 8 tail terms, drawn with weight 1/rank (articles/synthetic.py).
    harmonic = sum(1 / rank for rank in range(1, len(TAIL_TERMS) + 1))
    rank = min(max(round(articles * 8 / (harmonic * RARE_HITS)), 1), len(TAIL_TERMS))
    nearby = TAIL_TERMS[max(rank - 5, 0) : rank + 5]
    public = Article.objects.published()
    hits = {term: search.filter_matching(public, term).count() for term in nearby}
    return min(nearby, key=lambda term: abs(hits[term] - RARE_HITS))


def timed(word: str, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        search.ranked(Article.objects.published(), word, 0, 20)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def revalidation(url: str, repeat: int = 1000) -> dict:
    """Median milliseconds of application time, and queries, of a 304 to If-None-Match."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="127.0.0.1")
    etag = client.get(url)["ETag"]
    times = []
    with CaptureQueriesContext(connection) as queries:
        for _ in range(repeat):
            started = time.perf_counter()
            status = client.get(url, HTTP_IF_NONE_MATCH=etag).status_code
            times.append((time.perf_counter() - started) * 1000)
    assert status == 304, status
    return {"median_ms": statistics.median(times), "queries": len(queries.captured_queries)}


def main() -> None:
    articles = Article.objects.count()
    info = {"articles": articles, "synthetic": synthetic_articles().count()}
    public = Article.objects.published()
    if info["synthetic"] and public.exists():
        middle = public.order_by("published_at")[public.count() // 2]
        start = middle.published_at.date().replace(day=1)
        info |= {
            "article_url": middle.get_absolute_url(),
            "district": DISTRICT,
            "date_after": start.isoformat(),
            "date_before": (start + datetime.timedelta(days=29)).isoformat(),
            "deepest_page": MAX_PAGES,
            "typical_word": TYPICAL[len(TYPICAL) // 2],
            "rare_word": rare_word(articles),
            "search_timings": {
                "typical_median_ms": statistics.median(timed(w) for w in TYPICAL),
                "most_common_ms": timed(MOST_COMMON),
                "most_common_word": MOST_COMMON,
            },
            "revalidation": revalidation(middle.get_absolute_url()),
        }
    print(json.dumps(info))


if __name__ == "__main__":
    main()
