"""Turning a rendered admin change form back into the POST data a browser would send."""


def _value(bound_field):
    from django import forms

    if isinstance(bound_field.field, forms.FileField):
        return False  # an unchanged file is simply not sent
    value = bound_field.value()
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def form_data(response) -> dict:
    """The admin form and its inline formsets as they were shown, ready to post back."""
    context = response.context
    data = {}
    form = context["adminform"].form
    for name in form.fields:
        bound = form[name]
        value = _value(bound)
        widget = form.fields[name].widget
        if hasattr(widget, "widgets") and hasattr(widget, "decompress"):
            # Split date/time widgets post one value per part.
            raw = bound.value()
            parts = raw if isinstance(raw, list) else widget.decompress(raw)
            for index, part in enumerate(parts):
                data[f"{bound.html_name}_{index}"] = part.isoformat() if part else ""
        elif value is False:
            continue
        else:
            data[bound.html_name] = value
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management[name].html_name] = management[name].value()
        for inline_form in formset.forms:
            for name in inline_form.fields:
                value = _value(inline_form[name])
                if value is False:
                    continue
                data[inline_form[name].html_name] = value
    return data
