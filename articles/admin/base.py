"""The admin recipe every model admin here shares."""

from django.contrib import admin
from django.db import models

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


class ArchiveModelAdmin(admin.ModelAdmin):
    list_per_page = 50
    show_full_result_count = False
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
