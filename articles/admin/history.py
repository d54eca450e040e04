"""Revision history in the admin: django-reversion's history and restore, plus a comparison."""

import difflib
from contextlib import contextmanager

from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from reversion.admin import VersionAdmin
from reversion.models import Version

from articles.concurrency import restoring, versions_now


class HistoryMixin(VersionAdmin):
    """Every admin save keeps a revision; editors can compare any two and restore one."""

    object_history_template = "admin/articles/object_history.html"
    history_latest_first = True

    @contextmanager
    def create_revision(self, request):
        # Reading a page records nothing. reversion opens its transaction for
        # every view, and SQLite (BEGIN IMMEDIATE) takes the write lock there,
        # so an editor's page would wait for a running import to let go.
        if request.method in ("GET", "HEAD", "OPTIONS"):
            yield
            return
        with super().create_revision(request):
            yield

    def get_urls(self):
        opts = self.model._meta
        compare = self.admin_site.admin_view(self.compare_view)
        name = f"{opts.app_label}_{opts.model_name}_compare"
        return [path("<path:object_id>/history/compare/", compare, name=name), *super().get_urls()]

    def record_pk(self, object_id: str):
        """The primary key an address names, or a 404 for one no record can have
        ("abc", a NUL byte): reversion looks records up by their id as text, and
        PostgreSQL refuses a NUL in a query with an error."""
        try:
            return self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404(_("No such record.")) from None

    def revision_view(self, request, object_id, version_id, extra_context=None):
        self.record_pk(object_id)
        with self._restoring(version_id):
            return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        with self._restoring(version_id):
            return super().recover_view(request, version_id, extra_context)

    @contextmanager
    def _restoring(self, version_id):
        """Restore with the same version check as a save: a record of the revision
        saved by someone else since the editor opened it refuses the restore.

        The versions are read in the transaction that restores, so no save can
        slip in between the check and the restore.
        """
        using = router.db_for_write(self.model)
        with transaction.atomic(using=using):
            records = [
                (version.content_type.model_class(), version.object_id)
                for version in Version.objects.using(using)
                .filter(revision__version__pk=version_id)
                .select_related("content_type")
            ]
            with restoring(versions_now(records, using=using)):
                yield

    def history_view(self, request, object_id, extra_context=None):
        # reversion's list without the version ids the comparison form needs.
        obj = self.get_object(request, self.record_pk(object_id))
        if obj is not None:
            opts = self.model._meta
            versions = Version.objects.get_for_object(obj).select_related(
                "revision", "revision__user"
            )
            actions = [
                {
                    "revision": version.revision,
                    "version": version,
                    "url": reverse(
                        f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
                        args=(quote(version.object_id), version.id),
                    ),
                }
                for version in self._reversion_order_version_queryset(request, versions)
            ]
            extra_context = {**(extra_context or {}), "action_list": actions}
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id):
        """Two revisions side by side: each changed field, and the parts it holds."""
        obj = get_object_or_404(self.model, pk=self.record_pk(object_id))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = Version.objects.get_for_object(obj).select_related("revision")
        try:
            older = versions.get(pk=int(request.GET.get("from", "")))
            newer = versions.get(pk=int(request.GET.get("to", "")))
        except (ValueError, Version.DoesNotExist):
            raise Http404(_("Choose two revisions of this record to compare.")) from None
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": _("Compare revisions of “%(object)s”") % {"object": obj},
            "older": older,
            "newer": newer,
            "rows": compare_rows(older, newer),
        }
        return TemplateResponse(request, "admin/articles/compare.html", context)


def _parts(version: Version) -> dict[str, str]:
    """The revision's own fields, and the quotes and captions saved with it."""
    fields = {
        name: "" if value is None else str(value) for name, value in version.field_dict.items()
    }
    for label, model in (("quotes", "quote"), ("captions", "caption")):
        texts = sorted(
            v.field_dict.get("text", "")
            for v in version.revision.version_set.all()
            if v.content_type.model == model
        )
        if texts:
            fields[label] = "\n".join(texts)
    return fields


def compare_rows(older: Version, newer: Version) -> list[tuple[str, str, str]]:
    before, after = _parts(older), _parts(newer)
    rows = []
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name, ""), after.get(name, "")
        if old != new:
            rows.append((name, *_word_diff(old, new)))
    return rows


def _word_diff(old: str, new: str) -> tuple[str, str]:
    """Both texts, with removed words struck out and added words marked."""
    a, b = old.split(" "), new.split(" ")
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        removed, added = escape(" ".join(a[i1:i2])), escape(" ".join(b[j1:j2]))
        if op == "equal":
            left.append(removed)
            right.append(added)
            continue
        if removed:
            left.append(f"<del>{removed}</del>")
        if added:
            right.append(f"<ins>{added}</ins>")
    return mark_safe(" ".join(left)), mark_safe(" ".join(right))
