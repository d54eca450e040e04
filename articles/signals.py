"""Keep derived state in step with the records it is derived from."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from . import search
from .concurrency import part_changed, restored
from .models import (
    Article,
    Caption,
    Photo,
    Quote,
)

# Search documents follow every save made one record at a time (the admin);
# articles.writing, whose bulk writes send no signals, indexes what it wrote.


@receiver(post_save, sender=Article)
def article_saved(instance: Article, raw: bool = False, **kwargs) -> None:
    if not raw:
        search.index_articles([instance.pk])


def _deleting_an_article(origin) -> bool:
    """Whether a delete cascades from an article, whose document goes with it."""
    return isinstance(origin, Article) or getattr(origin, "model", None) is Article


@receiver([post_save, post_delete], sender=Quote)
@receiver([post_save, post_delete], sender=Photo)
def article_part_changed(instance, raw: bool = False, origin=None, **kwargs) -> None:
    if raw or not instance.article_id:
        return
    if _deleting_an_article(origin):
        return
    if part_changed(Article, instance.article_id):
        search.index_articles([instance.article_id])


@receiver([post_save, post_delete], sender=Caption)
def caption_changed(instance: Caption, raw: bool = False, origin=None, **kwargs) -> None:
    if raw or _deleting_an_article(origin):
        return
    photo = Photo.objects.filter(pk=instance.photo_id).only("article_id").first()
    if photo and photo.article_id and part_changed(Article, photo.article_id):
        search.index_articles([photo.article_id])


@receiver(pre_save, sender=Article)
@receiver(pre_save, sender=Quote)
@receiver(pre_save, sender=Photo)
def restoring_a_revision(instance, raw: bool = False, **kwargs) -> None:
    if raw:
        restored(instance)
