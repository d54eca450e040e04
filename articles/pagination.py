"""Pagination that never fails on what a reader types in the address bar."""

from __future__ import annotations

import hashlib

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from . import freshness

PER_PAGE = 20
# Deep OFFSET pages cost the database more the deeper they go; past this
# depth readers are pointed to the date filters, which reach any period fast.
MAX_PAGES = 500
# The same depth in rows, for lists paged by other sizes (the API).
MAX_DEPTH = MAX_PAGES * PER_PAGE
PAGING = ("page", "page_size")
# From this many rows in, a page finds its rows' ids first, from an index
# alone, then reads just those rows: skipping whole rows, with their texts,
# costs a deep page several times what page 1 costs.
DEFERRED_FROM = 1_000


class ArchivePaginator(Paginator):
    """Django's Paginator, told the list's count, whose deep pages skip rows by id
    rather than read them."""

    def __init__(self, object_list, per_page: int, count: int):
        super().__init__(object_list, per_page)
        self.known_count = count

    @property
    def count(self) -> int:
        return self.known_count

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if bottom < DEFERRED_FROM or not isinstance(self.object_list, QuerySet):
            return super().page(number)
        ids = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids)}
        return Page([rows[pk] for pk in ids if pk in rows], number, self)


def page_number(raw) -> int | None:
    """The whole number a reader typed for a page, or None for anything else."""
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def list_count(request, queryset) -> int:
    """How many records a list holds: its own queryset counted, and kept while
    content is unchanged for every reader of the same list (address and filters),
    since counting a large list costs more than rendering one of its pages."""
    filters = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if name not in PAGING
        for value in values
    )
    digest = hashlib.sha256(repr((request.path, filters)).encode()).hexdigest()
    return freshness.remember(f"count:{digest}", queryset.count)


def paginate(request, queryset, per_page: int = PER_PAGE) -> tuple[Page, str | None]:
    """The requested page, or the nearest real one with a message saying why.

    ``page=abc`` gives page 1 and ``page=999999`` the last page, each with a
    note, instead of an error page.
    """
    paginator = ArchivePaginator(queryset, per_page, list_count(request, queryset))
    raw = request.GET.get("page", "1")
    number = page_number(raw)
    if number is None:
        return paginator.page(1), _("“%(page)s” is not a page number; showing page 1.") % {
            "page": raw[:20]
        }
    if number < 1:
        return paginator.page(1), _("Pages start at 1; showing page 1.")
    if number > MAX_PAGES and paginator.num_pages > MAX_PAGES:
        return paginator.page(MAX_PAGES), _(
            "Lists show their first %(max)d pages. For older coverage, narrow the list with "
            "the date filters or browse the archive by date."
        ) % {"max": MAX_PAGES}
    if number > paginator.num_pages:
        last = paginator.num_pages
        return paginator.page(last), _("There is no page %(page)d; showing page %(last)d.") % {
            "page": number,
            "last": last,
        }
    return paginator.page(number), None
