"""The admin's "Import coverage" page, for editors who do not use a shell."""

from collections import Counter

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext, ngettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from articles.importer.files import captures_in
from articles.importer.images_found import attach_from_archive
from articles.importer.store import CaptureImporter, FileResult, Outcome, to_import


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        accept = ".txt,text/plain,.html,.htm,text/html,.warc,.gz,.wacz"
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ImportForm(forms.Form):
    files = MultipleFileField(
        label=_("Capture files"),
        help_text=_(
            "Text captures (.txt), saved web pages (.html) or web archives (.warc, .warc.gz, "
            ".wacz). Articles are imported as drafts for review."
        ),
    )


def read_upload(upload):
    """(name, capture) for each capture an upload holds, or (name, why not)."""
    return map(to_import, captures_in(upload.name, upload.file))


# What the importer counts, named for the editor; the command line keeps its own summary.
CREATED = {
    "capture": ngettext_lazy("%(count)d capture", "%(count)d captures", "count"),
    "article": ngettext_lazy("%(count)d article", "%(count)d articles", "count"),
    "related article": ngettext_lazy(
        "%(count)d related article", "%(count)d related articles", "count"
    ),
    "quote": ngettext_lazy("%(count)d quote", "%(count)d quotes", "count"),
    "photo": ngettext_lazy("%(count)d photo", "%(count)d photos", "count"),
    "caption": ngettext_lazy("%(count)d caption", "%(count)d captions", "count"),
    "comment": ngettext_lazy("%(count)d comment", "%(count)d comments", "count"),
}


def summary_for_editors(results: list[FileResult]) -> str:
    """What an upload did, in the editor's language."""
    outcomes = Counter(r.outcome for r in results)
    read = len(results) - outcomes[Outcome.SKIPPED]  # a web archive's other records
    parts = [
        ngettext(
            "Read %(count)d file: %(imported)d imported",
            "Read %(count)d files: %(imported)d imported",
            read,
        )
        % {"count": read, "imported": outcomes[Outcome.IMPORTED]}
    ]
    if outcomes[Outcome.UPDATED]:
        parts.append(gettext("%(count)d updated") % {"count": outcomes[Outcome.UPDATED]})
    parts.append(gettext("%(count)d already imported") % {"count": outcomes[Outcome.UNCHANGED]})
    parts.append(gettext("%(count)d duplicates skipped") % {"count": outcomes[Outcome.DUPLICATE]})
    parts.append(gettext("%(count)d failed") % {"count": outcomes[Outcome.FAILED]})
    lines = [", ".join(parts) + "."]
    created: Counter = Counter()
    for result in results:
        created.update(result.created)
    if created:
        records = ", ".join(
            str(CREATED[kind] % {"count": n}) if kind in CREATED else f"{n} {kind}"
            for kind, n in created.items()
        )
        lines.append(gettext("Created: %(records)s.") % {"records": records})
    return "\n".join(lines)


def import_coverage_view(model_admin, request):
    """Upload captures, import them, then show the imported drafts in the article list."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploads = (found for upload in form.cleaned_data["files"] for found in read_upload(upload))
        results = list(CaptureImporter().import_many(uploads))
        imported = [pk for r in results for pk in r.article_ids]
        for upload in form.cleaned_data["files"]:
            upload.seek(0)
            limit = settings.ARCHIVE_UPLOAD_MAX_BYTES
            for url, problem in attach_from_archive(upload.file, limit, imported):
                if problem:
                    messages.warning(request, f"{upload.name}: {url}: {problem}")
        for result in results:
            if result.outcome not in (Outcome.IMPORTED, Outcome.SKIPPED):
                level = messages.ERROR if result.failed else messages.WARNING
                messages.add_message(request, level, f"{result.name}: {result.message}")
        messages.info(request, summary_for_editors(results))
        ids = [pk for r in results for pk in r.article_ids]
        if ids:
            changelist = reverse("admin:articles_article_changelist")
            return redirect(f"{changelist}?id__in={','.join(map(str, ids))}")
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import coverage"),
        "form": form,
    }
    return TemplateResponse(request, "admin/articles/article/import.html", context)
