"""The body of a capture, sorted into related stories, paragraphs, photos, byline, comments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .comments import first_comment_line, parse_comments
from .lexicon import SPEECH_VERBS
from .model import CommentFound, PhotoFound, RelatedStory
from .photos import split_photo_block
from .related import clean_headline, headline_with_teaser, repeated_headline
from .textutil import word_set

# "With Reuters", "With Reuters and AP", "Avec Agence Info Sud", "With reporting by
# Sample Person": a short line of agency or reporter names, not a sentence that
# happens to begin with "With".
_BYLINE_RE = re.compile(
    r"^\s*(?:With|Avec)\s+(?:(?:additional\s+)?reporting\s+(?:by|from)\s+)?(\S.*?)\s*$"
)
_BYLINE_JOINERS = frozenset({"and", "&", "et", ","})
_SIGNED_RE = re.compile(
    r"^\s*(?:By|Par|Reported\s+by|Written\s+by|Compiled\s+by|Notre|Our)\s+(\S.*?)\s*$"
)
# The lower-case words a signature holds besides names: joiners, "with reporting
# by", "for" an outlet, and the French "notre correspondante/envoyé spécial".
_SIGNED_WORDS = _BYLINE_JOINERS | word_set(
    "with additional reporting by from for pour notre correspondant correspondante "
    "envoyé envoyée spécial spéciale staff writer reporter reports"
)
_MAX_SIGNED_WORDS = 14
# "Texte : Name. Photos : Name et Name", "Reporting by Name; editing by Name", "Story
# and photos: Name": who did what, one part per job.
_CREDITS_PART_RE = re.compile(
    r"^\s*(?:additional\s+)?(?:texte|text|words|story|reportage|reporting|editing|compiled|interview|"
    r"photos?|photographs|pictures|images|graphics|vid[ée]o)"
    r"(?:\s+(?:and|et)\s+(?:photos?|photographs|pictures))?\s*(?:by\s+|:\s*)(\S.*)$",
    re.IGNORECASE,
)
# "This report was prepared by Name from our morning programme": a closing credit line,
# and "Press Service of the District Authority", the issuer of a press release.
_PREPARED_BY_RE = re.compile(
    r"^\s*(?:(?:This|The)\s+(?:report|story|article|piece|interview)\s+was\s+"
    r"(?:prepared|written|compiled|produced|reported)\s+by\s+(?=[A-Z\u00c0-\u00de\u0100-\u024f])"
    r"|(?:Press\s+(?:Service|Office)|Service\s+de\s+presse)\s+(?:of|de|du|des)\s+\S[^.!?]*$"
    r"|[A-Z][^.!?]{0,160}\bcontributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article)\.?$)"
)
_MAX_BYLINE_WORDS = 6
_MAX_SUBHEADING_WORDS = 12
_CLOSING_RE = re.compile(r"[\s\"'”’»]+$")


@dataclass
class Block:
    line: int  # 1-based number of the block's first line
    lines: list[str]

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines).strip()


@dataclass
class Layout:
    related: list[RelatedStory] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    photos: list[PhotoFound] = field(default_factory=list)
    comments: list[CommentFound] = field(default_factory=list)
    byline: str | None = None
    # The article's own text in reading order, for quotes, places and dates: related
    # headlines and teasers, paragraphs and captions (not credits, byline or comments).
    texts: list[str] = field(default_factory=list)
    # Indexes in ``texts`` of headlines and sub-headings: titles, which quote
    # nobody even with quote marks ("Goris: 'We have nowhere to go'").
    titles: set[int] = field(default_factory=set)
    # Indexes in ``texts`` of captions and related stories: what stands between
    # two paragraphs without being part of the prose.
    asides: set[int] = field(default_factory=set)


def split_blocks(lines: list[str], offset: int) -> list[Block]:
    """Runs of non-blank lines; ``offset`` is the 0-based index of ``lines[0]`` in the file."""
    blocks: list[Block] = []
    current: list[str] = []
    for index, line in enumerate(lines):
        if line.strip():
            if not current:
                blocks.append(Block(offset + index + 1, current))
            current.append(line)
        else:
            current = []
    return blocks


def is_byline(line: str) -> bool:
    if _is_signed_line(line) or _is_credits_line(line) or _PREPARED_BY_RE.match(line):
        return True
    if "With" not in line and "Avec" not in line:
        return False  # most lines, told without the pattern
    found = _BYLINE_RE.match(line)
    if found is None:
        return False
    names = found.group(1).replace(",", " , ").split()
    if len(names) > _MAX_BYLINE_WORDS or found.group(1)[-1] in ",;:!?":
        return False
    # "With Reuters and AP", or a very short line such as "With agencies".
    agencies = all(name[0].isupper() or name in _BYLINE_JOINERS for name in names)
    return agencies or (len(names) <= 2 and not found.group(1).endswith("."))


def _is_credits_line(line: str) -> bool:
    """ "Texte : Hélène Garnier. Photos : Rusudan Gelashvili et Dmitri Volkov"."""
    if ":" not in line and " by " not in line:
        return False  # most lines, told without the pattern
    parts = [part for part in re.split(r"[.;]\s+", line.strip().rstrip(".")) if part]
    for part in parts:
        found = _CREDITS_PART_RE.match(part)
        if found is None:
            return False
        names = found.group(1).replace(",", " , ").split()
        if len(names) > _MAX_BYLINE_WORDS + 2 or not _signs(names):
            return False
    return bool(parts)


def _signs(words: list[str]) -> bool:
    """Whether the words are names and the few lower-case words a signature holds
    ("with reporting by", "from staff reports"), an agency in brackets included."""
    return all(word.strip("()")[:1].isupper() or word.lower() in _SIGNED_WORDS for word in words)


def _is_signed_line(line: str) -> bool:
    """A line that signs the article: "By Name", "By Name and Name, with reporting by
    Name", "Reported by Name for Outlet", "Par notre correspondante, Name"."""
    found = _SIGNED_RE.match(line)
    if found is None or found.group(1)[-1] in ".;:!?":
        return False
    words = found.group(1).replace(",", " , ").split()
    return len(words) <= _MAX_SIGNED_WORDS and _signs(words)


def read_body(lines: list[str], offset: int) -> Layout:
    """Sort the body lines (those after the header) into the parts of a capture."""
    layout = Layout()
    comments_at = first_comment_line(lines)
    if comments_at is not None:
        layout.comments = parse_comments(lines[comments_at:])
        lines = lines[:comments_at]
    blocks = _separate_bylines(split_blocks(lines, offset))
    index = 0
    while index < len(blocks):
        block = blocks[index]
        following = blocks[index + 1].lines if index + 1 < len(blocks) else []
        text = block.text
        if "©" in text:
            for photo in split_photo_block(text):
                layout.photos.append(photo)
                for caption in photo.captions.values():
                    layout.asides.add(len(layout.texts))
                    layout.texts.append(caption)
        elif len(block.lines) == 1 and is_byline(block.lines[0]):
            if layout.byline is None:
                # "... contributed to this report.": the full stop ends a sentence.
                layout.byline = clean_headline(block.lines[0])
        elif len(block.lines) == 1 and (story := repeated_headline(block.lines[0], following)):
            _add_related(layout, story)
            index += 1  # the teaser block is consumed with its headline
        elif story := headline_with_teaser(block.lines):
            _add_related(layout, story)
        else:
            if is_subheading(block):
                layout.titles.add(len(layout.texts))
            layout.paragraphs.append(text)
            layout.texts.append(text)
        index += 1
    return layout


def _separate_bylines(blocks: list[Block]) -> list[Block]:
    """A byline written against a neighbouring paragraph is still a block of its own."""
    result: list[Block] = []
    for block in blocks:
        current = Block(block.line, [])
        for number, line in enumerate(block.lines, start=block.line):
            if is_byline(line) and len(block.lines) > 1:
                if current.lines:
                    result.append(current)
                result.append(Block(number, [line]))
                current = Block(number + 1, [])
            else:
                current.lines.append(line)
        if current.lines:
            result.append(current)
    return result


def is_subheading(block: Block) -> bool:
    """A short line without a sentence's final stop: "Burned houses"."""
    # Any space may stand before a closing guillemet ("familles. »", a non-breaking one).
    text = _CLOSING_RE.sub("", block.text)
    words = text.split()
    return (
        len(block.lines) == 1
        and len(words) <= _MAX_SUBHEADING_WORDS
        and (text[-1:] not in ".!?…:;,")
        # '"We have nowhere else to go now," said Anna' is a sentence, not a title.
        and not any(word.lower().strip(",.") in SPEECH_VERBS for word in words)
    )


def _add_related(layout: Layout, story: RelatedStory) -> None:
    layout.titles.add(len(layout.texts))
    layout.asides.update((len(layout.texts), len(layout.texts) + 1))
    layout.related.append(story)
    layout.texts.extend([story.headline, story.teaser])
