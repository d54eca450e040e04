"""Coverage over time: public articles per period for each place, as plain data for a chart.

The numbers come from one aggregate query per chart and are kept, with the
drawing, while content is unchanged (``freshness.remember``), so a publish or
an unpublish changes them at once. Each row counts exactly what the archive list shows
for ``?district=<name>&date_after=<first>&date_before=<last>``: the same
places (the gazetteer's ``place_ids``), the same local calendar days, the
same inclusive bounds. That is what lets every cell link to its list.

The geometry is computed here too, as numbers; templates/includes/coverage_chart.html
only draws it.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count, DateField, Q
from django.db.models.functions import Cast, TruncDate
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

from . import freshness
from .models import Article, District, Source
from .places import Place, gazetteer, place_ids

# A range up to this many days is drawn day by day; a longer one in whole
# weeks (Monday to Sunday), several weeks to a column if need be, so that
# no chart has more than MAX_COLUMNS columns and every cell stays a usable target.
DAILY_UP_TO = 45
MAX_COLUMNS = 40
HOME_ROWS = 8

# Geometry, in SVG user units (the viewBox scales them to any size).
LABEL_WIDTH = 132
CELL = 24
GAP = 2
TOP = 40
LEGEND = 34
LEVELS = 5
LEGEND_STEP = 84
LEGEND_X_EVENTS = LABEL_WIDTH + (LEVELS + 1) * LEGEND_STEP


@dataclass(frozen=True)
class Period:
    first: datetime.date
    last: datetime.date  # inclusive, as the archive list's date_before is


@dataclass(frozen=True)
class Counts:
    """What the cache keeps: each row's articles per period."""

    periods: tuple[Period, ...]
    step: int  # days per period: 1, or a whole number of weeks
    rows: tuple[tuple[str, tuple[int, ...]], ...]  # (place name, count per period)


@dataclass
class Cell:
    x: float
    y: float
    cx: float
    cy: float
    count: int
    level: int
    href: str
    label: str


@dataclass
class Row:
    name: str
    url: str
    y: float
    text_y: float
    total: int
    cells: list[Cell] = field(default_factory=list)


@dataclass
class Mark:
    points: str
    label: str


@dataclass
class Chart:
    """A chart ready to draw: every position and label computed."""

    key: str
    title: str
    description: str
    note: str
    unit: str
    width: int
    height: int
    rows: list[Row]
    periods: list[tuple[Period, str]]
    ticks: list[tuple[float, str]]
    marks: list[Mark]
    cell: int = CELL - GAP
    font_size: float = 10
    legend_y: float = 0
    legend: list[tuple[float, int, str]] = field(default_factory=list)
    # The same numbers as a table: (period label, [count per row]).
    table: list[tuple[str, list[int]]] = field(default_factory=list)
    name_x: int = LABEL_WIDTH - 8
    events_x: int = LEGEND_X_EVENTS


def home_chart(events) -> SafeString:
    """The home page's chart as HTML ("" when nothing is public yet), cached."""
    return _cached_html("home", lambda: home_layout(events))


def place_chart(district: District, events) -> SafeString:
    """A place page's chart as HTML ("" when the place has no public coverage), cached."""
    return _cached_html(f"place:{district.pk}", lambda: place_layout(district, events))


def source_chart(source: Source) -> SafeString:
    """A source page's chart as HTML ("" when the source has no public article), cached."""
    return _cached_html(f"source:{source.pk}", lambda: source_layout(source))


def home_layout(events) -> Chart | None:
    """The districts with the most public coverage, one row each.

    ``events`` are the dated events the page shows already (no query of its own).
    """
    districts = [p for p in gazetteer().places if p.kind == District.Kind.DISTRICT]
    counts = coverage_counts("home", districts)
    if counts is None:
        return None
    covered = sorted(
        (row for row in counts.rows if sum(row[1])), key=lambda row: (-sum(row[1]), row[0])
    )
    shown = covered[:HOME_ROWS]
    if len(covered) > len(shown):
        note = _("The %(shown)d districts with the most coverage, of %(covered)d with any.") % {
            "shown": len(shown),
            "covered": len(covered),
        }
    else:
        note = ngettext(
            "The one district with coverage.",
            "All %(covered)d districts with coverage.",
            len(covered),
        ) % {"covered": len(covered)}
    return _layout("coverage-home", counts, shown, events, _("Coverage over time"), note)


def place_layout(district: District, events) -> Chart | None:
    """One place, counting the places within it, then each of those with coverage."""
    places = gazetteer()
    own = places.get(district.name)
    if own is None:
        return None
    within = sorted((p for p in places.places if p.parent == own.name), key=lambda p: p.name)
    counts = coverage_counts(f"place:{district.pk}", [own, *within])
    if counts is None:
        return None
    rows = [counts.rows[0], *(row for row in counts.rows[1:] if sum(row[1]))]
    note = ""
    if len(rows) > 1:
        note = _("%(place)s counts the places within it, also shown on their own.") % {
            "place": own.name
        }
    title = _("Coverage of %(place)s over time") % {"place": own.name}
    return _layout("coverage-place", counts, rows, events, title, note)


def source_layout(source: Source) -> Chart | None:
    """One row: the source's public articles per period, each cell linking to them."""
    counts = freshness.remember(
        _key("counts", f"source:{source.pk}"), lambda: _count_source(source)
    )
    if counts is None:
        return None
    base_url = reverse("article-list")

    def cell_url(name: str, period: Period) -> str:
        dates = {"date_after": period.first.isoformat(), "date_before": period.last.isoformat()}
        return f"{base_url}?{urlencode({'source': source.domain, **dates})}"

    title = _("Coverage from %(source)s over time") % {"source": source.name}
    chart = _layout("coverage-source", counts, list(counts.rows), [], title, "", cell_url=cell_url)
    total = sum(counts.rows[0][1])
    chart.description = _(
        "One row with one column per period (%(unit)s), covering %(span)s; darker "
        "cells hold more articles, and each cell shows its number. In all: %(totals)s."
    ) % {
        "unit": _unit(counts.step),
        "span": _span(counts),
        "totals": ngettext("%(n)d article", "%(n)d articles", total) % {"n": total},
    }
    return chart


def _key(kind: str, scope: str) -> str:
    return f"coverage:{kind}:{timezone.get_current_timezone_name()}:{scope}"


def _cached_html(scope: str, build: Callable[[], Chart | None]) -> SafeString:
    # Laying out and drawing a few hundred cells takes longer than fetching
    # the kept numbers, so the drawing is kept too, per language.
    def draw() -> str:
        chart = build()
        return render_to_string("includes/coverage_chart.html", {"chart": chart}) if chart else ""

    return mark_safe(freshness.remember(_key("html", f"{get_language()}:{scope}"), draw))


def coverage_counts(scope: str, places: list[Place]) -> Counts | None:
    """Public articles per period for each place (with the places within it), kept.

    None when none of the places has public coverage.
    """
    return freshness.remember(_key("counts", scope), lambda: _count(places))


def _count(places: list[Place]) -> Counts | None:
    """The one aggregate query: for each local day, each place's public articles."""
    sets = [place_ids([place.name]) for place in places]
    links = Article.districts.through.objects.filter(
        article__in=Article.objects.published(), district_id__in=set().union(*sets)
    )
    days = (
        links.annotate(day=_local_day("article__published_at"))
        .values("day")
        .annotate(
            **{
                # An article is linked to a place once, so only a row of several
                # places needs the costlier DISTINCT to count it once.
                f"n{i}": Count("article_id", distinct=len(ids) > 1, filter=Q(district_id__in=ids))
                for i, ids in enumerate(sets)
            },
        )
        .order_by("day")
    )
    return _tabulate(list(days), [place.name for place in places])


def _count_source(source: Source) -> Counts | None:
    """The one aggregate query of a source: its public articles on each local day."""
    days = (
        Article.objects.published()
        .filter(source=source)
        .annotate(day=_local_day("published_at"))
        .values("day")
        .annotate(n0=Count("pk"))
        .order_by("day")
    )
    return _tabulate(list(days), [source.name])


def _tabulate(days: list[dict], names: list[str]) -> Counts | None:
    """Daily counts (``n0``, ``n1``... for each row) gathered into the chart's periods."""
    if not days:
        return None
    periods, step = _periods(days[0]["day"], days[-1]["day"])
    start = periods[0].first
    totals = [[0] * len(periods) for _ in names]
    for day in days:
        column = (day["day"] - start).days // step
        for i in range(len(names)):
            totals[i][column] += day[f"n{i}"]
    rows = tuple((name, tuple(t)) for name, t in zip(names, totals, strict=True))
    return Counts(periods=tuple(periods), step=step, rows=rows)


def _local_day(field: str):
    """The day of a datetime in the site's zone, as the archive list's date filter sees it."""
    if timezone.get_current_timezone_name() == connection.timezone_name:
        # Stored times are already in the site's zone: the database's own date
        # cast is exact, where TruncDate would convert every row (on SQLite, in
        # Python).
        return Cast(field, DateField())
    return TruncDate(field)


def _periods(first: datetime.date, last: datetime.date) -> tuple[list[Period], int]:
    """Columns covering first..last: days for a short range, else Monday-to-Sunday weeks."""
    if (last - first).days < DAILY_UP_TO:
        step, start = 1, first
    else:
        start = first - datetime.timedelta(days=first.weekday())
        weeks = (last - start).days // 7 + 1
        step = 7 * math.ceil(weeks / MAX_COLUMNS)
    columns = (last - start).days // step + 1
    periods = [
        Period(
            start + datetime.timedelta(days=c * step),
            start + datetime.timedelta(days=(c + 1) * step - 1),
        )
        for c in range(columns)
    ]
    return periods, step


def list_url(name: str, period: Period, base_url: str | None = None) -> str:
    """The archive list of one place and period: the articles a cell counts."""
    query = {
        # The place filter splits its value on commas; the gazetteer ignores
        # punctuation when it matches a name, so without them it is the same place.
        "district": name.replace(",", " "),
        "date_after": period.first.isoformat(),
        "date_before": period.last.isoformat(),
    }
    return f"{base_url or reverse('article-list')}?{urlencode(query)}"


def _period_label(period: Period) -> str:
    if period.first == period.last:
        return dateformat.format(period.first, _day_format())
    return _("%(first)s to %(last)s") % {
        "first": dateformat.format(period.first, _day_format()),
        "last": dateformat.format(period.last, _day_format()),
    }


def _unit(step: int) -> str:
    if step == 1:
        return _("articles per day")
    weeks = step // 7
    return ngettext("articles per week", "articles per %(n)d weeks", weeks) % {"n": weeks}


def _layout(
    key,
    counts: Counts,
    rows,
    events,
    title: str,
    note: str,
    cell_url: Callable[[str, Period], str] | None = None,
) -> Chart:
    """The chart's geometry. Rows are places, each linking to its page and each cell
    to the archive list of its place and period, unless ``cell_url`` says where
    a cell leads (the rows then are not places)."""
    periods = counts.periods
    peak = max((max(c) for _, c in rows), default=0) or 1
    digits = len(str(peak))
    # Wide enough for the legend however few the columns.
    width = max(LABEL_WIDTH + len(periods) * CELL + 8, LEGEND_X_EVENTS + 130)
    grid_bottom = TOP + len(rows) * CELL
    labels = [_period_label(p) for p in periods]
    chart = Chart(
        key=key,
        title=title,
        description="",
        note=note,
        unit=_unit(counts.step),
        width=width,
        height=grid_bottom + LEGEND,
        rows=[],
        periods=list(zip(periods, labels, strict=True)),
        ticks=_ticks(counts),
        marks=[],
        # Digits must fit the cell: about 0.6 em each.
        font_size=round(min(11, (CELL - GAP - 3) / (0.6 * digits)), 1),
        legend_y=grid_bottom + 12,
    )
    base_url = reverse("article-list")
    row_of = {}
    places = gazetteer()
    for index, (name, numbers) in enumerate(rows):
        y = TOP + index * CELL
        place = places.get(name) if cell_url is None else None
        row = Row(
            name=name,
            url=reverse("district-detail", kwargs={"slug": place.slug}) if place else "",
            y=y,
            text_y=y + (CELL - GAP) / 2,
            total=sum(numbers),
        )
        for column, (count, period) in enumerate(zip(numbers, periods, strict=True)):
            row.cells.append(
                Cell(
                    x=LABEL_WIDTH + column * CELL,
                    y=y,
                    cx=LABEL_WIDTH + column * CELL + (CELL - GAP) / 2,
                    cy=y + (CELL - GAP) / 2,
                    count=count,
                    level=_level(count, peak),
                    href=(cell_url or partial(list_url, base_url=base_url))(name, period)
                    if count
                    else "",
                    label=ngettext(
                        "%(place)s, %(period)s: %(n)d article",
                        "%(place)s, %(period)s: %(n)d articles",
                        count,
                    )
                    % {"place": name, "period": labels[column], "n": count},
                )
            )
        chart.rows.append(row)
        row_of[name] = row
    chart.marks = _marks(counts, row_of, events)
    # Only the shades that can occur: with a peak below LEVELS some ranges are empty.
    shades = [(level, text) for level in range(LEVELS + 1) if (text := _legend_text(level, peak))]
    chart.legend = [
        (LABEL_WIDTH + i * LEGEND_STEP, level, text) for i, (level, text) in enumerate(shades)
    ]
    chart.description = _describe(counts, rows, len(chart.marks))
    chart.table = [
        (label, [numbers[column] for _, numbers in rows]) for column, label in enumerate(labels)
    ]
    return chart


def _level(count: int, peak: int) -> int:
    """0 for none, else 1..LEVELS by share of the chart's busiest cell."""
    if not count:
        return 0
    return max(1, math.ceil(LEVELS * count / peak))


def _legend_text(level: int, peak: int) -> str:
    if level == 0:
        return "0"
    low = math.floor(peak * (level - 1) / LEVELS) + 1
    high = math.floor(peak * level / LEVELS)
    if low > high:
        return ""
    return str(high) if low == high else f"{low}–{high}"


def _day_format() -> str:
    # A date format per language, as Django's own are: "25 Nov 2020", "25 nov 2020".
    return pgettext("chart label: a date", "j M Y")


def _ticks(counts: Counts) -> list[tuple[float, str]]:
    """Period labels along the top, far enough apart not to overlap."""
    fmt = (
        pgettext("chart label: a day", "j M")
        if counts.step == 1
        else pgettext("chart label: a month", "M Y")
    )
    every = math.ceil(64 / CELL)
    ticks = []
    # The last label would run past the right edge unless it has room.
    for column in range(0, max(len(counts.periods) - every + 1, 1), every):
        ticks.append(
            (LABEL_WIDTH + column * CELL, dateformat.format(counts.periods[column].first, fmt))
        )
    return ticks


def _marks(counts: Counts, row_of: dict[str, Row], events) -> list[Mark]:
    """A triangle in the corner of the cell of each dated event of a row's place."""
    first, last = counts.periods[0].first, counts.periods[-1].last
    marks = []
    for event in events:
        row = row_of.get(event.district.name)
        if row is None or not first <= event.date <= last:
            continue
        x = LABEL_WIDTH + (event.date - first).days // counts.step * CELL
        y = row.y
        size = 8
        marks.append(
            Mark(
                points=f"{x},{y} {x + size},{y} {x},{y + size}",
                label=_("%(date)s: %(title)s")
                % {"date": dateformat.format(event.date, _day_format()), "title": event.title},
            )
        )
    return marks


def _span(counts: Counts) -> str:
    return _("%(first)s to %(last)s") % {
        "first": dateformat.format(counts.periods[0].first, _day_format()),
        "last": dateformat.format(counts.periods[-1].last, _day_format()),
    }


def _describe(counts: Counts, rows, marks: int) -> str:
    total = ", ".join(
        ngettext("%(place)s %(n)d article", "%(place)s %(n)d articles", sum(c))
        % {"place": name, "n": sum(c)}
        for name, c in rows
    )
    text = _(
        "A grid with one row per place and one column per period (%(unit)s), "
        "covering %(span)s; darker cells hold more articles, and each "
        "cell shows its number. In all: %(totals)s."
    ) % {"unit": _unit(counts.step), "span": _span(counts), "totals": total}
    if marks:
        text += " " + ngettext(
            "A triangle marks %(n)d dated event.", "Triangles mark %(n)d dated events.", marks
        ) % {"n": marks}
    return text
