"""The admin's "Import coverage" page, for editors who do not use a shell."""

from collections import Counter
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext, ngettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from articles.importer.captured import Captured
from articles.importer.files import captures_in
from articles.importer.images_found import attach_from_archive
from articles.importer.store import CaptureImporter, FileResult, Outcome, to_import
from articles.models import Article, Capture


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        accept = ".txt,text/plain,.html,.htm,text/html,.warc,.gz,.wacz"
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        # An empty file is the importer's to report, by its name, while the others import.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        # No file at all is the one upload refused as a whole ("This field is required").
        files = (data or [None]) if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ImportForm(forms.Form):
    files = MultipleFileField(
        label=_("Capture files"),
        help_text=_(
            "Text captures (.txt), saved web pages (.html) or web archives (.warc, .warc.gz, "
            ".wacz). Articles are imported as drafts for review."
        ),
    )
    update = forms.BooleanField(
        label=_("Replace articles imported from an earlier capture"),
        required=False,
        help_text=_(
            "Otherwise a newer capture of an article already in the archive is skipped as a "
            "duplicate. Speakers an editor chose are kept while their sentence is unchanged."
        ),
    )


def read_upload(upload):
    """(name, capture) for each capture an upload holds, or (name, why not)."""
    return map(
        to_import, captures_in(upload.name, upload.file, settings.ARCHIVE_ADMIN_IMPORT_MAX_BYTES)
    )


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
# How each outcome is named and coloured (the admin's message colours) in the summary.
OUTCOMES = {
    Outcome.IMPORTED: (_("Imported"), "success"),
    Outcome.UPDATED: (_("Updated"), "success"),
    Outcome.UNCHANGED: (_("Already imported"), "warning"),
    Outcome.DUPLICATE: (_("Duplicate, skipped"), "warning"),
    Outcome.FAILED: (_("Failed"), "error"),
}


def records(created: Counter) -> str:
    return ", ".join(
        str(CREATED[kind] % {"count": n}) if kind in CREATED else f"{n} {kind}"
        for kind, n in created.items()
    )


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
        lines.append(gettext("Created: %(records)s.") % {"records": records(created)})
    return "\n".join(lines)


@dataclass
class FileRow:
    """One capture of an upload, under the name it was uploaded with."""

    name: str
    outcome: str
    detail: str
    articles: list[Article] = field(default_factory=list)

    @property
    def label(self) -> str:
        return OUTCOMES[self.outcome][0]

    @property
    def level(self) -> str:
        return OUTCOMES[self.outcome][1]


@dataclass
class ImportSummary:
    """What an upload did: coloured by its worst outcome, each file with its articles."""

    text: str
    rows: list[FileRow]
    skipped: int
    image_problems: list[str]
    imported_ids: list[int]

    @property
    def level(self) -> str:
        """Error when a file failed; success only when something was imported; else warning."""
        if any(row.level == "error" for row in self.rows):
            return "error"
        return "success" if self.imported_ids else "warning"

    @property
    def title(self) -> str:
        failed = sum(row.level == "error" for row in self.rows)
        if failed:
            return ngettext(
                "%(count)d file could not be imported",
                "%(count)d files could not be imported",
                failed,
            ) % {"count": failed}
        if self.imported_ids:
            return gettext("Import done")
        return gettext("Nothing new was imported")

    @property
    def review_url(self) -> str:
        ids = ",".join(map(str, self.imported_ids))
        return f"{reverse('admin:articles_article_changelist')}?id__in={ids}" if ids else ""


def import_uploads(uploads: list, update: bool = False) -> ImportSummary:
    """Import every capture the uploads hold, then give their photos the images they carry."""
    checksums: list[str | None] = []

    def captures():
        for upload in uploads:
            for name, held in read_upload(upload):
                # Remembered to link a file already imported to its article afterwards.
                checksums.append(
                    Capture.checksum(held.text, held.original)
                    if isinstance(held, Captured)
                    else None
                )
                yield name, held

    results = list(CaptureImporter(update=update).import_many(captures()))
    imported = [pk for r in results for pk in r.article_ids]
    problems = []
    for upload in uploads:
        upload.seek(0)
        limit = settings.ARCHIVE_UPLOAD_MAX_BYTES
        expanded = settings.ARCHIVE_ADMIN_IMPORT_MAX_BYTES
        for url, problem in attach_from_archive(upload.file, limit, imported, expanded):
            if problem:
                problems.append(f"{upload.name}: {url}: {problem}")
    return ImportSummary(
        text=summary_for_editors(results),
        rows=_rows(results, checksums, update),
        skipped=sum(r.outcome == Outcome.SKIPPED for r in results),
        image_problems=problems,
        imported_ids=imported,
    )


def _rows(results: list[FileResult], checksums: list[str | None], update: bool) -> list[FileRow]:
    """Each file's row, with the articles it brought or the one it is already in (one query)."""
    files = [(r, c) for r, c in zip(results, checksums, strict=True) if r.outcome in OUTCOMES]
    ids = {pk for r, _ in files for pk in [*r.article_ids, r.existing_id] if pk}
    known = {c for r, c in files if r.outcome == Outcome.UNCHANGED and c}
    found = list(
        Article.objects.filter(Q(pk__in=ids) | Q(capture__sha256__in=known))
        .annotate(checksum=F("capture__sha256"))
        .only("pk", "headline")
    )
    by_pk = {a.pk: a for a in found}
    by_checksum = {a.checksum: a for a in found if a.checksum in known}
    rows = []
    for result, checksum in files:
        if result.outcome == Outcome.UNCHANGED:
            detail = gettext("The same capture (same SHA-256) is already in the archive.")
            articles = [by_checksum[checksum]] if checksum in by_checksum else []
        elif result.outcome == Outcome.DUPLICATE and update:
            detail = result.message  # a second capture of one article in the same upload
            articles = []
        elif result.outcome == Outcome.DUPLICATE:
            detail = gettext(
                "An earlier capture of this article is already in the archive; tick “Replace "
                "articles imported from an earlier capture” to replace it."
            )
            articles = [by_pk[result.existing_id]] if result.existing_id in by_pk else []
        else:
            detail = records(result.created) if result.created else result.message
            articles = [by_pk[pk] for pk in result.article_ids if pk in by_pk]
        rows.append(FileRow(result.name, result.outcome, detail, articles))
    return rows


def import_coverage_view(model_admin, request):
    """Upload captures, import them, and say file by file what became of each."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    posted = request.method == "POST"
    form = ImportForm(request.POST, request.FILES) if posted else ImportForm()
    summary = None
    if posted and form.is_valid():
        summary = import_uploads(form.cleaned_data["files"], form.cleaned_data["update"])
        form = ImportForm()  # ready for the next upload
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import coverage"),
        "form": form,
        "summary": summary,
    }
    return TemplateResponse(request, "admin/articles/article/import.html", context)
