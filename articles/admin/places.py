from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from articles.models import District, DistrictAlias, Event

from .base import ArchiveModelAdmin, PlaceSearchMixin


class DistrictAliasInline(admin.TabularInline):
    model = DistrictAlias
    extra = 1


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    fields = ["date", "title"]
    show_change_link = True


@admin.register(District)
class DistrictAdmin(PlaceSearchMixin, ArchiveModelAdmin):
    list_display = ["name", "kind", "parent", "alias_list", "article_count"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "aliases__name"]
    place_search_field = "pk"
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [DistrictAliasInline, EventInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("aliases")
            .annotate(num_articles=Count("articles", distinct=True))
        )

    @admin.display(description=_("aliases"))
    def alias_list(self, obj: District) -> str:
        return ", ".join(alias.name for alias in obj.aliases.all())

    @admin.display(description=_("articles"), ordering="num_articles")
    def article_count(self, obj: District) -> int:
        return obj.num_articles
