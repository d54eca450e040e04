"""Content languages as a choice in the admin's forms, rather than a code typed by hand."""

from django import forms
from django.utils.translation import get_language_info

from articles.importer.language import KNOWN_LANGUAGES


def language_label(code: str) -> str:
    """ "French (fr)" in English, "Français (fr)" in French; a code Django does not know
    is shown as it is."""
    try:
        return f"{get_language_info(code)['name_translated']} ({code})"
    except KeyError:
        return code


def language_choices(current: str = "") -> list[tuple[str, str]]:
    """The languages the importer recognises, by name in the editor's language, plus the
    record's own language if it is another, so that saving never changes it silently."""
    codes = [*KNOWN_LANGUAGES, *([current] if current and current not in KNOWN_LANGUAGES else [])]
    return sorted(((code, language_label(code)) for code in codes), key=lambda c: c[1].lower())


class LanguageChoiceMixin:
    """Turns a form's ``language`` text field into a select of known languages.

    The column stays a short code (no schema change): only the form offers a
    choice, built per request so the names follow the editor's language.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("language")
        if field is None:
            return
        current = self.initial.get("language") or ""
        # A new caption row starts blank, so that an untouched extra row is not "changed".
        blank = [] if field.required and current else [("", "---------")]
        # No help text: the model's ("Language code, e.g. “en”") is for typing a code.
        self.fields["language"] = forms.ChoiceField(
            label=field.label,
            choices=[*blank, *language_choices(current)],
            initial=field.initial,
            required=field.required,
        )
