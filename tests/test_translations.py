"""The French catalogue is complete, compiled, current, and every French page uses it.

The catalogue is read here with a few lines of Python (no polib), and the
committed .mo with the standard library's gettext, so only the makemessages
test needs GNU gettext (``make test`` installs it when missing).
"""

from __future__ import annotations

import ast
import gettext
import re
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.utils import translation

from articles.models import Comment

BASE_DIR = Path(__file__).resolve().parent.parent
CATALOGUE = BASE_DIR / "locale" / "fr" / "LC_MESSAGES"
# What `make messages` skips; the test copies the rest of the project.
SOURCES = ["manage.py", "newsroom", "articles", "templates"]


@dataclass(frozen=True)
class Entry:
    context: str | None
    msgid: str
    plural: str | None
    translations: tuple[str, ...]
    flags: frozenset[str]

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.context, self.msgid, self.plural)


def read_po(path: Path) -> list[Entry]:
    """Every entry of a .po file, the header (msgid "") included; obsolete ones left out."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        flags: set[str] = set()
        current = None
        for line in block.strip().splitlines():
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                fields[current] += ast.literal_eval(line)
            else:
                current, _, value = line.partition(" ")
                fields[current] = ast.literal_eval(value)
        if "msgid" not in fields:
            continue
        translations = [fields[k] for k in sorted(fields) if k.startswith("msgstr")]
        entries.append(
            Entry(
                fields.get("msgctxt"),
                fields["msgid"],
                fields.get("msgid_plural"),
                tuple(translations),
                frozenset(flags),
            )
        )
    return entries


CATALOGUE_ENTRIES = read_po(CATALOGUE / "django.po")
MESSAGES = [e for e in CATALOGUE_ENTRIES if e.msgid]


def test_the_catalogue_is_not_empty():
    assert len(MESSAGES) > 200


def test_every_message_has_a_french_translation_and_none_is_fuzzy():
    untranslated = [e.msgid for e in MESSAGES if not all(t.strip() for t in e.translations)]
    fuzzy = [e.msgid for e in CATALOGUE_ENTRIES if "fuzzy" in e.flags]
    assert untranslated == []
    assert fuzzy == []
    plural = [e.msgid for e in MESSAGES if e.plural and len(e.translations) != 2]
    assert plural == []  # French has two plural forms (Plural-Forms: n > 1)


def test_translations_keep_every_placeholder():
    placeholder = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdf]|%[sd]|\{\{ *\w+ *\}\}")
    broken = [
        e.msgid
        for e in MESSAGES
        for t in e.translations
        if sorted(placeholder.findall(t)) != sorted(placeholder.findall(e.plural or e.msgid))
        and sorted(placeholder.findall(t)) != sorted(placeholder.findall(e.msgid))
    ]
    assert broken == []


def test_the_committed_mo_is_compiled_from_the_committed_po():
    with open(CATALOGUE / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog
    # msgfmt leaves out the header's POT-Creation-Date, which makemessages rewrites.
    compiled[""] = re.sub(r"POT-Creation-Date: .*\n", "", compiled.get("", ""))
    expected = {}
    for e in CATALOGUE_ENTRIES:
        msgid = f"{e.context}\x04{e.msgid}" if e.context else e.msgid
        if e.plural:
            expected.update({(msgid, n): t for n, t in enumerate(e.translations)})
        else:
            expected[msgid] = e.translations[0]
    expected[""] = re.sub(r"POT-Creation-Date: .*\n", "", expected[""])
    assert compiled == expected, "Run `make compilemessages` and commit the .mo."


def test_makemessages_finds_no_string_the_catalogue_lacks(tmp_path, settings, monkeypatch):
    """Every string marked for translation in the code is in the catalogue, and nothing else is.

    makemessages runs on a copy of the project, so the committed catalogue is
    never touched.
    """
    assert shutil.which("xgettext"), "GNU gettext is needed: `make test` installs it"
    for name in SOURCES:
        source = BASE_DIR / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    (tmp_path / "locale").mkdir()
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["fr"], verbosity=0, stdout=StringIO())
    found = {e.key for e in read_po(tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po")}
    committed = {e.key for e in CATALOGUE_ENTRIES}
    assert sorted(found - committed, key=str) == [], "New strings: run `make messages`"
    assert sorted(committed - found, key=str) == [], "Stale strings: run `make messages`"


# --- French pages show no English interface text -------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
# Text the reader sees without it being in the page's text.
LABEL_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
# Content, kept as it was published or entered, not interface: anything marked
# with its own language (headlines, bodies, quotes, captions, the switcher's
# "English"), and the timeline's event titles, which editors write in English
# and which carry no language of their own. Scripts hold JSON-LD data.
CONTENT_CLASSES = {"event-title"}
SKIPPED_TAGS = {"script", "style"}


class InterfaceText(HTMLParser):
    """The visible interface text of a page: text and labels, without content."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.parts: list[str] = []

    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        content = (
            tag in SKIPPED_TAGS
            or (tag != "html" and "lang" in attrs)
            or attrs.get("translate") == "no"
            or bool(CONTENT_CLASSES & set((attrs.get("class") or "").split()))
        )
        skip = self.skipping() or content
        if not skip:
            self.parts.extend(attrs[a] for a in LABEL_ATTRIBUTES if attrs.get(a))
            if tag == "input" and attrs.get("type") in ("submit", "button"):
                self.parts.append(attrs.get("value") or "")
        if tag not in VOID:
            self.stack.append((tag, skip))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if not self.skipping():
            self.parts.append(data)

    @classmethod
    def of(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        return re.sub(r"\s+", " ", " ".join(parser.parts))


PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdf]|%[sd]")
# Shorter pieces ("of", "To", "in") are words of content and of other strings
# as much as of the interface.
SHORTEST = 4


def english_fragments() -> list[tuple[str, str]]:
    """(msgid, a piece of it) for each English string that French says differently.

    A string with placeholders is checked piece by piece ("articles mention
    these words"), leaving out pieces the French translation also contains
    ("Page" in "Page %(number)s of %(total)s").
    """
    fragments = []
    for e in MESSAGES:
        for english in filter(None, (e.msgid, e.plural)):
            french = " ".join(e.translations)
            if english in e.translations:
                continue
            for piece in PLACEHOLDER.split(english):
                piece = piece.strip(" .,:;·–—()“”\"'")
                if len(piece) >= SHORTEST and re.search(r"[A-Za-z]", piece) and piece not in french:
                    fragments.append((e.msgid, piece))
    return fragments


FRAGMENTS = english_fragments()


def untranslated(html: str) -> list[str]:
    text = InterfaceText.of(html)
    return sorted(
        {
            f"{piece!r} (from {msgid!r})"
            for msgid, piece in FRAGMENTS
            if re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", text)
        }
    )


def test_the_check_finds_english_interface_text_but_not_content():
    page = (
        '<html lang="fr"><body><h2>Latest coverage</h2><p lang="en">Latest coverage</p>'
        '<input placeholder="Place or words…"><span class="event-title">Comments</span>'
        "</body></html>"
    )
    assert untranslated(page) == [
        "'Latest coverage' (from 'Latest coverage')",
        "'Place or words…' (from 'Place or words…')",
        "'Place' (from 'Place')",
    ]


def french_pages(client, article) -> dict[str, object]:
    with translation.override("fr"):
        url = article.get_absolute_url()
        comment = article.get_comment_url()
    pages = {
        "home": client.get("/fr/"),
        "article list": client.get("/fr/articles/"),
        "article list, filtered": client.get(
            "/fr/articles/",
            {"district": "Karvachar", "date_after": "2020-11-25", "language": "en"},
        ),
        "article list, bad filters": client.get(
            "/fr/articles/", {"district": "Atlantis", "date_after": "soon", "page": "x"}
        ),
        "article list, past the end": client.get("/fr/articles/", {"page": "99"}),
        "article": client.get(url),
        "comment form": client.get(comment),
        "comment form with errors": client.post(comment, {"author": "", "body": ""}),
        "districts": client.get("/fr/districts/"),
        "district": client.get("/fr/districts/kalbajar/"),
        "district, filtered": client.get("/fr/districts/kalbajar/", {"date_after": "2020-11-26"}),
        "quotes": client.get("/fr/quotes/"),
        "quotes, none": client.get("/fr/quotes/", {"district": "Lachin", "q": "zzqqx"}),
        "photos": client.get("/fr/photos/"),
        "photos, none": client.get("/fr/photos/", {"date_before": "1990-01-01"}),
        "search, empty": client.get("/fr/search/"),
        "search, results": client.get("/fr/search/", {"q": "burning"}),
        "search, a place": client.get("/fr/search/", {"q": "Karvachar"}),
        "search, nothing found": client.get("/fr/search/", {"q": "zzqqx"}),
        "archive year": client.get("/fr/archive/2020/"),
        "archive empty year": client.get("/fr/archive/2019/"),
        "archive month": client.get("/fr/archive/2020/11/"),
        "archive day": client.get("/fr/archive/2020/11/25/"),
        "archive empty day": client.get("/fr/archive/2020/11/24/"),
        "404": client.get("/fr/no-such-page/"),
    }
    # After the comment: the article page with the thank-you message.
    response = client.post(comment, {"author": "Synthetic reader", "body": "Synthetic comment"})
    pages["article after commenting"] = client.get(response["Location"])
    return pages


def test_french_pages_show_no_untranslated_interface_string(client, seed_archive):
    Comment.objects.create(
        article=seed_archive, author="Synthetic", body="Synthetic", status="approved"
    )
    problems = {}
    for name, response in french_pages(client, seed_archive).items():
        assert response.status_code in (200, 400, 404), name
        body = response.content.decode()
        assert '<html lang="fr">' in body, name
        found = untranslated(body)
        if found:
            problems[name] = found
    assert problems == {}


def test_english_pages_show_the_english_strings_the_check_looks_for(client, seed_archive):
    """The check above is not vacuous: the same pages in English show these strings."""
    body = client.get("/").content.decode()
    assert len(untranslated(body)) > 10
