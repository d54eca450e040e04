"""Users and groups: Django's own admin, with the list guard every admin here has."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from .base import ListGuardMixin

admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class ArchiveUserAdmin(ListGuardMixin, UserAdmin):
    pass


@admin.register(Group)
class ArchiveGroupAdmin(ListGuardMixin, GroupAdmin):
    pass
