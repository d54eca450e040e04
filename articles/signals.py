"""Keep derived state in step with the records it is derived from."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import District, DistrictAlias
from .places import forget_gazetteer


@receiver([post_save, post_delete], sender=District)
@receiver([post_save, post_delete], sender=DistrictAlias)
def gazetteer_changed(**kwargs) -> None:
    forget_gazetteer()
