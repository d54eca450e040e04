"""How to cite an archived article: one record of the facts, in plain text and in BibTeX."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from urllib.parse import quote

from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from .models import Article


@dataclass(frozen=True)
class Citation:
    headline: str
    outlet: str
    published: datetime.date
    original_url: str
    permanent_url: str
    captured: datetime.date | None
    key: str


def citation(request, article: Article) -> Citation:
    """The facts a citation of ``article`` gives, read once for every format.

    The capture date is when the archive captured the page; for an article
    imported without one, when its raw capture entered the archive, which is
    the earliest date the archive can vouch for the text.
    """
    captured = article.captured_at
    if captured is None and article.capture_id:
        # The article page reads it with the article (capture_imported_at).
        captured = getattr(article, "capture_imported_at", None) or article.capture.imported_at
    published = timezone.localdate(article.published_at)
    outlet = article.source.name if article.source else ""
    return Citation(
        headline=article.headline,
        outlet=outlet,
        published=published,
        original_url=article.original_url,
        permanent_url=request.build_absolute_uri(article.get_absolute_url()),
        captured=timezone.localdate(captured) if captured else None,
        key=_key(outlet, published, article.headline),
    )


def _key(outlet: str, published: datetime.date, headline: str) -> str:
    # BibTeX keys may not hold spaces, commas or braces; ASCII letters and digits are safe.
    words = re.findall(r"[a-z0-9]+", headline.lower().encode("ascii", "ignore").decode())
    source = re.sub(r"[^a-z0-9]", "", outlet.lower().encode("ascii", "ignore").decode())
    return f"{source or 'archive'}{published.year}{words[0] if words else 'article'}"


def plain_text(cite: Citation) -> str:
    """A reference in prose, e.g. for a footnote."""
    parts = [f"“{cite.headline}”"]
    if cite.outlet:
        parts.append(cite.outlet)
    parts.append(dateformat.format(cite.published, "j F Y"))
    text = ", ".join(parts) + "."
    if cite.original_url:
        text += " " + cite.original_url + "."
    if cite.captured:
        text += " " + _("Archived copy, captured %(date)s: %(url)s") % {
            "date": dateformat.format(cite.captured, "j F Y"),
            "url": cite.permanent_url,
        }
    else:
        text += " " + _("Archived copy: %(url)s") % {"url": cite.permanent_url}
    return text


# Characters TeX reads as commands; each becomes the command printing it.
_TEX = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "%": r"\%",
        "&": r"\&",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "^": r"\^{}",
        "~": r"\~{}",
    }
)
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def bibtex_escape(text: str) -> str:
    """Text as BibTeX prints it, whatever characters it holds."""
    return text.translate(_TEX)


def _url(url: str) -> str:
    # URL fields are read verbatim, but their braces must balance and a
    # backslash or space would end them: percent-encode those few.
    return quote(url, safe="/:?&=#%@!$'()*+,;~-._[]")


def bibtex(cite: Citation) -> str:
    """A BibTeX entry (biblatex fields ``date`` and ``urldate`` included)."""
    fields = [
        # Double braces keep the headline's capitals as they are.
        ("title", "{" + bibtex_escape(cite.headline) + "}"),
    ]
    if cite.outlet:
        fields.append(("journal", bibtex_escape(cite.outlet)))
    fields += [
        ("date", cite.published.isoformat()),
        ("year", str(cite.published.year)),
    ]
    entry = [f"@article{{{cite.key},"]
    entry += [f"  {name} = {{{value}}}," for name, value in fields]
    entry.append(f"  month = {_MONTHS[cite.published.month - 1]},")
    url = cite.original_url or cite.permanent_url
    entry.append(f"  url = {{{_url(url)}}},")
    if cite.captured:
        entry.append(f"  urldate = {{{cite.captured.isoformat()}}},")
    note = "Archived copy: " + bibtex_escape(cite.permanent_url)
    if cite.captured:
        note += f", captured {cite.captured.isoformat()}"
    entry.append(f"  note = {{{note}}}")
    entry.append("}")
    return "\n".join(entry) + "\n"
