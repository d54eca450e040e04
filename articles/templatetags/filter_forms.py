"""The filter form beside every list, rendered in Python.

Each list, search and place page renders it uncached. As an included
template, looping over the fields and asking each for its label, errors and
help cost about 1 ms a page; written here it costs a third of that. The
widgets render themselves (articles/widgets.py), as ``{{ field }}`` would.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag(takes_context=True)
def filter_form(context, filterset, hide: str = "", action: str = "") -> SafeString:
    """The FilterSet's form, without the fields named in ``hide`` (comma-separated).

    A reader's search words (``query`` in the page's context) ride along as a
    hidden field, and "Clear filters" leads back to the bare page.
    """
    form = filterset.form
    hidden = {name.strip() for name in hide.split(",") if name.strip()}
    parts = [
        format_html(
            '<form class="filters" method="get" action="{}" aria-labelledby="filters-heading">\n'
            '  <h2 id="filters-heading">{}</h2>\n',
            action,
            gettext("Filter"),
        )
    ]
    if query := context.get("query"):
        parts.append(format_html('  <input type="hidden" name="q" value="{}">\n', query))
    if errors := form.non_field_errors():
        parts.append(format_html('  <div class="errorlist" role="alert">{}</div>\n', errors))
    for field in form:
        if field.name not in hidden:
            parts.append(_field(field))
    parts.append(
        format_html(
            '  <div class="actions">\n    <button type="submit">{}</button>\n'
            '    <a href="{}">{}</a>\n  </div>\n</form>',
            gettext("Apply filters"),
            context["request"].path,
            gettext("Clear filters"),
        )
    )
    return mark_safe("".join(parts))


def _field(field) -> SafeString:
    errors = field.errors
    if errors:
        after = format_html(
            '<div class="field-error" id="{}-error" role="alert">{}</div>',
            field.id_for_label,
            format_html_join("", "<p>{}</p>", ((error,) for error in errors)),
        )
    elif field.help_text:
        after = format_html('<p class="help">{}</p>', field.help_text)
    else:
        after = ""
    return format_html(
        '  <div class="field{}">\n    <label for="{}">{}</label>\n    {}\n    {}\n  </div>\n',
        " has-error" if errors else "",
        field.id_for_label,
        field.label,
        field,
        after,
    )
