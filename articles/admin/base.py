"""The admin recipe every model admin here shares."""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.db import DataError, models
from django.utils.translation import gettext_lazy as _

from articles.places import gazetteer


class PlaceSearchMixin:
    """Admin search that also finds records by any spelling of a place.

    ``place_search_field`` names the lookup to the District (e.g. "districts"
    for articles, "pk" for districts themselves). Typing "Karvachar" into the
    search box then finds what is filed under Kalbajar.
    """

    place_search_field: str = ""

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        place = gazetteer().resolve(search_term.strip()) if search_term else None
        if place is not None and self.place_search_field:
            results |= queryset.filter(**{self.place_search_field: place.pk})
            may_have_duplicates = True
        return results, may_have_duplicates


class ListGuardMixin:
    """An admin list that ignores a filter value the database cannot take.

    Django already turns a value it cannot read (``?id=abc``) into
    ``IncorrectLookupParameters``, answered with the whole list; values it can
    read but the database cannot hold failed later, with a 500: numbers past
    any integer column (``?id__in=99999999999999999999``), years past the
    calendar (``?published_at__year=...``) and NUL characters, which PostgreSQL
    text cannot hold. They get the same answer, and the editor is told.
    """

    def get_changelist_instance(self, request):
        try:
            if any("\x00" in name + "".join(values) for name, values in request.GET.lists()):
                raise IncorrectLookupParameters("a NUL character in the query")
            return super().get_changelist_instance(request)
        except (IncorrectLookupParameters, OverflowError, DataError) as error:
            self.message_user(
                request,
                _("A filter value could not be applied; showing the whole list."),
                messages.WARNING,
            )
            raise IncorrectLookupParameters(error) from error


class ArchiveModelAdmin(ListGuardMixin, admin.ModelAdmin):
    list_per_page = 50
    show_full_result_count = False
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
