"""The capture's header: "Section Headline", then the timestamp lines with the source."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .errors import ParseError
from .months import month_number

# "05:05  25 november  2020": the gaps mix plain and non-breaking spaces, which
# \s matches in a str pattern. Digits are spelled [0-9] so that other scripts'
# digits never reach int().
TIMESTAMP_RE = re.compile(
    r"^\s*([0-9]{1,2}):([0-9]{2})\s+([0-9]{1,2})\s+([^\W\d_]+)\.?,?\s+([0-9]{4})(?![0-9])"
)
_SOURCE_RE = re.compile(r"\bSource\s*:\s*(\S+)", re.IGNORECASE)
_FIRST_LINE_RE = re.compile(r"^\s*([^\W\d_][\w&'’.\-]*)\s+(.*\S)\s*$")

EXPECTED_TIMESTAMP = "expected a line like '05:05  25 november  2020'"


@dataclass(frozen=True)
class Header:
    section: str
    headline: str
    published: datetime.datetime
    source: str | None
    first_line: int  # 0-based index of the "Section Headline" line
    timestamp_lines: tuple[int, ...]  # 0-based indexes


def parse_header(lines: list[str]) -> Header:
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise ParseError("the text is empty: a capture starts with a 'Section Headline' line")
    section, headline = _parse_first_line(lines[first], first + 1)

    stamp = next(
        (
            (index, found)
            for index in range(first + 1, len(lines))
            if (found := TIMESTAMP_RE.match(lines[index]))
        ),
        None,
    )
    if stamp is None:
        raise ParseError(f"no publication timestamp ({EXPECTED_TIMESTAMP})")
    stamp_index, found = stamp
    published = _parse_timestamp(found, stamp_index + 1)

    # The printed timestamp is repeated on the next line with the source after it.
    stamp_lines = [stamp_index]
    for i in range(stamp_index + 1, len(lines)):
        if TIMESTAMP_RE.match(lines[i]):
            stamp_lines.append(i)
        elif lines[i].strip():
            break
    source = None
    for i in stamp_lines:
        domain = _SOURCE_RE.search(lines[i])
        if domain:
            source = domain.group(1).strip(".,;") or None
            break
    return Header(section, headline, published, source, first, tuple(stamp_lines))


def _parse_first_line(line: str, number: int) -> tuple[str, str]:
    if TIMESTAMP_RE.match(line):
        raise ParseError(
            "the first line is a timestamp; a capture starts with a 'Section Headline' line",
            number,
        )
    found = _FIRST_LINE_RE.match(line)
    if found is None or not any(ch.isalpha() for ch in found.group(2)):
        shown = line.strip()
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        raise ParseError(
            f"the first line must be a section word then the headline, got {shown!r}", number
        )
    return found.group(1), found.group(2).strip()


def _parse_timestamp(found: re.Match[str], number: int) -> datetime.datetime:
    hour, minute, day, month_word, year = found.groups()
    month = month_number(month_word)
    if month is None:
        raise ParseError(f"unknown month {month_word!r} in the publication timestamp", number)
    try:
        return datetime.datetime(int(year), month, int(day), int(hour), int(minute))
    except ValueError as error:
        raise ParseError(
            f"impossible publication date {hour}:{minute} {day} {month_word} {year} ({error})",
            number,
        ) from None
