"""The filters of every public list: one FilterSet each, shared by HTML, JSON and CSV."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import freshness, search
from .models import Article, Photo, Quote, Source
from .places import gazetteer, place_ids

MAX_VALUE_LENGTH = 200


class RepeatableTextInput(forms.TextInput):
    """A text box whose parameter may repeat (?district=a&district=b) or hold "a, b"."""

    def value_from_datadict(self, data, files, name):
        getlist = getattr(data, "getlist", None)
        values = getlist(name) if getlist else [data.get(name)]
        return [v for v in values if v not in (None, "")]

    def format_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return super().format_value(value)


class PlaceInput(RepeatableTextInput):
    """The place box, with the gazetteer's names suggested as the reader types."""

    def __init__(self, attrs=None):
        super().__init__({"list": "place-names", "autocomplete": "off", **(attrs or {})})


class PlaceNamesField(forms.Field):
    """Any spellings of places, resolved through the gazetteer to district ids.

    Cleans to a list of (name as typed, place) pairs; an unknown name is an
    error shown next to the field.
    """

    widget = PlaceInput

    def to_python(self, value):
        if not value:
            return []
        names = []
        for item in value if isinstance(value, list | tuple) else [value]:
            names.extend(part.strip() for part in str(item).split(",") if part.strip())
        return names

    def validate(self, value):
        super().validate(value)
        if len(value) > 20:
            raise forms.ValidationError(_("Choose at most 20 places."), code="too_many")
        errors = []
        for name in value:
            if len(name) > MAX_VALUE_LENGTH or gazetteer().resolve(name) is None:
                errors.append(unknown_place(name))
        if errors:
            raise forms.ValidationError(errors)


def unknown_place(name: str) -> forms.ValidationError:
    """The error for a name no place has, with the places it may have meant."""
    shown = name[:40]
    near = gazetteer().suggest(name) if len(name) <= MAX_VALUE_LENGTH else []
    if near:
        return forms.ValidationError(
            _("No place is called “%(name)s”. Did you mean %(places)s?"),
            code="unknown_place",
            params={"name": shown, "places": _(" or ").join(p.name for p in near)},
        )
    return forms.ValidationError(
        _("No place is called “%(name)s”."), code="unknown_place", params={"name": shown}
    )


def place_chips(filterset, request) -> list[dict]:
    """The places a valid list is filtered by, each with how the reader typed it and
    the address of the same list without it."""
    if not filterset.is_bound or filterset.errors or "district" not in filterset.form.fields:
        return []
    typed = filterset.form.cleaned_data.get("district") or []
    chips = []
    for index, name in enumerate(typed):
        place = gazetteer().resolve(name)
        rest = request.GET.copy()
        rest.setlist("district", [n for i, n in enumerate(typed) if i != index])
        for emptied in ("district", "page"):
            if not rest.getlist(emptied) or emptied == "page":
                rest.pop(emptied, None)
        chips.append(
            {
                "place": place,
                "typed": name if name != place.name else "",
                "without": f"{request.path}?{rest.urlencode()}" if rest else request.path,
            }
        )
    return chips


PLACE_HELP = _("Any spelling; separate several places with commas.")


class PlaceFilter(django_filters.Filter):
    """Keeps records filed under any of the named places or the places within them."""

    field_class = PlaceNamesField

    def filter(self, qs: QuerySet, value):
        if not value:
            return qs
        ids = place_ids(value)
        if self.field_name == "districts":
            return qs.filed_under(ids)
        return qs.filter(**{f"{self.field_name}__in": ids})


def source_choices() -> list[tuple[str, str]]:
    """The sources of public articles as (domain, name), by name.

    Kept while content is unchanged. A source known only from drafts or
    scheduled articles is not named, nor found by its domain.
    """
    return freshness.remember(
        "source-choices",
        lambda: list(
            Source.objects.filter(
                Exists(Article.objects.published().filter(source=OuterRef("pk")))
            ).values_list("domain", "name")
        ),
    )


class DateRangeForm(forms.Form):
    """A filter form that says so when its dates are the wrong way round."""

    def clean(self):
        data = super().clean()
        first, last = data.get("date_after"), data.get("date_before")
        if first and last and first > last:
            self.add_error(
                "date_before",
                forms.ValidationError(
                    _("“Until” (%(last)s) is before “From” (%(first)s): swap the two dates."),
                    code="inverted_range",
                    params={"first": first.isoformat(), "last": last.isoformat()},
                ),
            )
        return data


class DateRangeFilterSet(django_filters.FilterSet):
    """Inclusive date bounds on a datetime, as ranges so the column's index is used."""

    date_after = django_filters.DateFilter(
        label=_("From"),
        method="filter_date_after",
        # <input type="date"> takes ISO dates only, whatever the page's language.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("On or after this day."),
    )
    date_before = django_filters.DateFilter(
        label=_("Until"),
        method="filter_date_before",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("On or before this day."),
    )

    date_field = "published_at"

    # The first and last days of the calendar bound nothing; computing their
    # bounds would overflow (9999-12-31 + 1 day, or 0001-01-01 00:00 east of
    # UTC moved to UTC for the database): a 500 instead of a list.

    def filter_date_after(self, qs, name, value: datetime.date):
        start = self.bounds()[0]
        return qs.filter(**{f"{self.date_field}__gte": start}) if start else qs

    def filter_date_before(self, qs, name, value: datetime.date):
        end = self.bounds()[1]
        return qs.filter(**{f"{self.date_field}__lt": end}) if end else qs

    def bounds(self) -> tuple[datetime.datetime | None, datetime.datetime | None]:
        """The valid range asked for: its start and the start of the day after it (or None)."""
        data = self.form.cleaned_data
        first, last = data.get("date_after"), data.get("date_before")
        return (
            start_of(first) if first and first > datetime.date.min else None,
            start_of(last + datetime.timedelta(days=1))
            if last and last < datetime.date.max
            else None,
        )


def start_of(day: datetime.date) -> datetime.datetime:
    """The first moment of a day in the site's zone: every date bound and date page uses it."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class ArticleFilter(DateRangeFilterSet):
    district = PlaceFilter(field_name="districts", label=_("Place"), help_text=PLACE_HELP)
    source = django_filters.ChoiceFilter(
        label=_("Source"),
        choices=source_choices,
        field_name="source__domain",
        empty_label=_("Any source"),
        # Not Django's message for choices, which repeats whatever was typed.
        error_messages={"invalid_choice": _("No source matches this address.")},
        widget=forms.Select,
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=[("en", _("English")), ("fr", _("French"))],
        empty_label=_("Any language"),
        widget=forms.Select,
    )
    q = django_filters.CharFilter(
        label=_("Words"),
        method="filter_text",
        max_length=MAX_VALUE_LENGTH,
        widget=forms.TextInput,
        help_text=_("Words in the headline, text, quotes or captions."),
    )

    class Meta:
        model = Article
        form = DateRangeForm
        fields = ["district", "date_after", "date_before", "source", "language", "q"]

    def filter_text(self, qs, name, value: str):
        return search.filter_matching(qs, value)


class QuoteFilter(DateRangeFilterSet):
    district = PlaceFilter(field_name="district", label=_("Place"), help_text=PLACE_HELP)
    q = django_filters.CharFilter(
        label=_("Words"),
        field_name="text",
        lookup_expr="icontains",
        max_length=MAX_VALUE_LENGTH,
        widget=forms.TextInput,
    )

    date_field = "article__published_at"

    class Meta:
        model = Quote
        form = DateRangeForm
        fields = ["district", "date_after", "date_before", "q"]


class PhotoFilter(DateRangeFilterSet):
    district = PlaceFilter(field_name="district", label=_("Place"), help_text=PLACE_HELP)

    date_field = "article__published_at"

    class Meta:
        model = Photo
        form = DateRangeForm
        fields = ["district", "date_after", "date_before"]


def apply(filterset_class, request, queryset) -> tuple[django_filters.FilterSet, QuerySet]:
    """A list's FilterSet over ``queryset``, and what it selects.

    Invalid filters select nothing, so a page shows what to correct rather
    than an unfiltered list that looks like an answer.
    """
    filterset = filterset_class(request.GET or None, queryset=queryset)
    if filterset.is_bound and not filterset.is_valid():
        return filterset, queryset.none()
    return filterset, filterset.qs
