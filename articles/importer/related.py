"""Related-story blocks: a headline with its teaser, in the two layouts captures use.

(a) a headline line, a blank line, then an indented line that repeats the
    headline and runs on into the teaser;
(b) a headline line with the teaser on the very next line.
A short line with no teaser after it is a sub-heading, not a related story.
"""

from __future__ import annotations

import re

from .model import RelatedStory

_MAX_HEADLINE_WORDS = 25
_TRAILING_STOP_RE = re.compile(r"\s+\.$|(?<=[^\W\d_]{2})\.$")
_LEADING_JOINER_RE = re.compile(r"[\s.:;,|\-–—]*")
_BULLETS = frozenset({"- ", "• ", "* ", "– "})


def clean_headline(line: str) -> str:
    """The headline without a trailing " ." (initials such as "U.S." keep their stop)."""
    text = line.strip()
    if not text.endswith("."):
        return text  # most lines: nothing at the end for the pattern to take
    return _TRAILING_STOP_RE.sub("", text).strip()


def could_be_headline(line: str) -> bool:
    text = line.strip()
    if not text or "©" in text or text[-1] in ",;:" or text[:2] in _BULLETS:
        return False  # "- Applications open on 4 October": an item of a list
    # Split no further than needed to tell a paragraph: at most one word too many.
    words = text.split(maxsplit=_MAX_HEADLINE_WORDS)
    return len(words) <= _MAX_HEADLINE_WORDS and any(ch.isalpha() for ch in text)


def repeated_headline(headline_line: str, next_block: list[str]) -> RelatedStory | None:
    """Layout (a): the next block opens by repeating the headline, then the teaser."""
    if not could_be_headline(headline_line) or not next_block:
        return None
    opening = next_block[0].strip()
    candidates = sorted({headline_line.strip(), clean_headline(headline_line)}, key=len)
    for repeated in reversed(candidates):
        if repeated and opening.startswith(repeated):
            rest = " ".join([opening[len(repeated) :], *(ln.strip() for ln in next_block[1:])])
            # (match, not sub: the pattern only ever applies at the start)
            teaser = rest[_LEADING_JOINER_RE.match(rest).end() :].strip()
            # The repetition must end on a word boundary and lead into a teaser.
            boundary = opening[len(repeated) : len(repeated) + 1]
            if teaser and (not boundary or not boundary.isalnum()):
                return RelatedStory(clean_headline(headline_line), teaser)
    return None


def headline_with_teaser(block: list[str]) -> RelatedStory | None:
    """Layout (b): a headline line directly followed by its teaser line(s)."""
    if len(block) < 2 or not could_be_headline(block[0]):
        return None
    teaser = " ".join(line.strip() for line in block[1:]).strip()
    if not teaser:
        return None
    return RelatedStory(clean_headline(block[0]), teaser)
