"""The "Editors" group: everything about content and moderation, nothing about accounts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_MODELS = {
    "article": ["add", "change", "delete", "view"],
    "quote": ["add", "change", "delete", "view"],
    "person": ["add", "change", "delete", "view"],
    "photo": ["add", "change", "delete", "view"],
    "caption": ["add", "change", "delete", "view"],
    "source": ["add", "change", "delete", "view"],
    "district": ["add", "change", "view"],
    "districtalias": ["add", "change", "delete", "view"],
    "event": ["add", "change", "delete", "view"],
    "comment": ["change", "delete", "view"],
    "capture": ["view"],
}


def create_editors(apps, schema_editor):
    # Permissions are normally created after migrate finishes; make sure they
    # exist now so the group can be given them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    codenames = [f"{action}_{model}" for model, actions in EDITOR_MODELS.items() for action in actions]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
    )


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_sample_events"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
