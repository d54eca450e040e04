"""Admin forms that refuse to overwrite another editor's newer save."""

from pathlib import PurePath

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from articles.concurrency import current_version, is_restoring, version_before_restore
from articles.images import check_upload, reencode


class VersionCheckedForm(forms.ModelForm):
    """Carries the version the editor loaded, and refuses the save if it is no longer current.

    The admin saves in one transaction (on SQLite an IMMEDIATE one, which
    takes the write lock first; elsewhere the row is locked), so the check and
    the save cannot interleave with another editor's.
    """

    conflict_message = _(
        "Someone else saved this %(model)s while you were editing it. Your changes were not "
        "saved, so that theirs are not lost: reload the page to see the current version, then "
        "make your changes again."
    )
    restore_conflict_message = _(
        "Someone else saved this %(model)s after you opened this revision. It was not "
        "restored, so that their changes are not lost: open the history again to see the "
        "current version, then choose the revision to restore."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "version" in self.fields:
            self.fields["version"].widget = forms.HiddenInput()
            self.fields["version"].required = False
            if is_restoring() and self.instance.pk and not self.is_bound:
                # The form shows the revision, already written in a transaction
                # that is undone; the restore must find what the record holds now.
                self.initial["version"] = version_before_restore(self.instance)

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk and "version" in self.fields:
            cleaned["version"] = self.instance.version
        elif self.instance.pk and "version" in self.fields and is_restoring():
            if cleaned.get("version") != version_before_restore(self.instance):
                raise forms.ValidationError(
                    self.restore_conflict_message,
                    code="conflict",
                    params={"model": self.instance._meta.verbose_name},
                )
            # The restore has written the revision as a new save; count on from it.
            cleaned["version"] = current_version(self.instance)
        elif self.instance.pk and "version" in self.fields:
            loaded = cleaned.get("version")
            if loaded != current_version(self.instance):
                raise forms.ValidationError(
                    self.conflict_message,
                    code="conflict",
                    params={"model": self.instance._meta.verbose_name},
                )
            # Keep the database's count; the model adds one as it saves.
            cleaned["version"] = loaded
        return cleaned


class PhotoForm(VersionCheckedForm):
    """A photo form whose upload is checked by content and replaced by our clean copy."""

    # A plain file field: our own checks (articles.images) give clearer
    # messages than the ImageField's generic "not an image".
    image = forms.FileField(
        label=capfirst(_("image")),
        required=False,
        # The admin's own widget, so that "Currently", "Clear" and "Change" line up.
        widget=AdminFileWidget(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_(
            "JPEG, PNG or WebP. Location and camera metadata are removed from the copy readers "
            "see; the original is kept privately."
        ),
    )

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if not isinstance(upload, UploadedFile):
            return upload  # unchanged, cleared, or none
        check_upload(upload)
        self._original = ContentFile(upload.read(), name=PurePath(upload.name).name)
        upload.seek(0)
        return reencode(upload, upload.name)

    def save(self, commit=True):
        original = getattr(self, "_original", None)
        if original is not None:
            self.instance.original = original
            self.instance.renditions = {}  # the new image needs its own
        return super().save(commit=commit)
