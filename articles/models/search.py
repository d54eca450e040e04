from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.freshness import ContentQuerySet


class SearchDocument(models.Model):
    """The searchable text of an article: its own words, its quotes and captions.

    Kept by articles.search; the full-text index over it is SQLite FTS5 or a
    PostgreSQL GIN index, created by migration for the database in use.
    """

    article = models.OneToOneField(
        "Article", on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    headline = models.TextField()
    text = models.TextField()

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return self.headline
