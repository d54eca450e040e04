from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Archive")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate, pre_migrate

        from . import migrating, signals  # noqa: F401

        pre_migrate.connect(migrating.before, sender=self)
        post_migrate.connect(migrating.after, sender=self)
