"""Finding capture files and reading them safely: text captures, saved web pages, and
web archives (WARC, WACZ), told apart by their content rather than their name."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

from .captured import Captured
from .errors import ParseError
from .webarchive import (
    Found,
    html_capture,
    is_wacz,
    is_warc,
    pages_in_wacz,
    pages_in_warc,
    saved_page_origin,
)

# What a folder is searched for; a file named on the command line is read whatever its name.
CAPTURE_SUFFIXES = (".txt", ".html", ".htm", ".warc", ".warc.gz", ".wacz")


@dataclass(frozen=True)
class Candidate:
    """A path named on the command line or found in a folder, or why it cannot be read."""

    path: Path
    problem: str | None = None


def find_captures(paths: Iterable[str | Path]) -> Iterator[Candidate]:
    """Every capture file under ``paths``: files as named, folders searched for captures
    (``.txt``, ``.html``, ``.htm``, ``.warc``, ``.warc.gz``, ``.wacz``).

    Folders are walked in sorted order so an import is repeatable; other files
    in them are passed over silently (a folder of captures often holds notes or
    images too), but a missing path is reported.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if found.is_file() and found.name.lower().endswith(CAPTURE_SUFFIXES):
                    yield Candidate(found)
        elif path.is_file():
            yield Candidate(path)
        else:
            yield Candidate(path, "no such file or folder")


def max_capture_bytes() -> int:
    return getattr(settings, "ARCHIVE_IMPORT_MAX_BYTES", 2 * 1024 * 1024)


def check_size(size: int) -> None:
    limit = max_capture_bytes()
    if size > limit:
        raise ParseError(
            f"file is {size / 1_048_576:.1f} MB; captures are at most "
            f"{limit / 1_048_576:.1f} MB (ARCHIVE_IMPORT_MAX_BYTES)"
        )


def decode_capture(data: bytes) -> str:
    """The capture's text, exactly as stored on disk, or a ParseError saying why not.

    Nothing is normalised: line endings and every character are kept, so the
    stored capture's checksum is the checksum of the file.
    """
    check_size(len(data))
    if not data.strip():
        raise ParseError("file is empty")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ParseError("binary file, not captured text (NUL byte)", line=line)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ParseError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} cannot be decoded)", line=line
        ) from None


def captures_in(
    name: str, stream: BinaryIO, max_expanded: int | None = None
) -> Iterator[tuple[str, Found]]:
    """(name, what it holds) for each capture in a file: itself for a text capture or
    a saved page, each page of a web archive (named by where it lies in the file).
    ``max_expanded``: refuse a web archive larger than that once decompressed."""
    head = stream.read(8)
    stream.seek(0)
    if is_wacz(head):
        for where, found in pages_in_wacz(stream, max_capture_bytes(), max_expanded):
            yield (f"{name}:{where}" if where else name), found
        return
    if is_warc(head):
        for where, found in pages_in_warc(stream, max_capture_bytes(), max_expanded):
            yield f"{name}{where}", found
        return
    try:
        # Refuse before reading a huge file into memory.
        check_size(stream.seek(0, 2))
        stream.seek(0)
        data = stream.read()
        if _is_html(data):
            if not data.strip():
                raise ParseError("file is empty")
            page = html_capture(data)
            url, captured_at = saved_page_origin(page.text)
            yield name, replace(page, url=url, captured_at=captured_at)
        else:
            yield name, Captured(decode_capture(data))
    except ParseError as error:
        yield name, error


def read_captures(path: Path) -> Iterator[tuple[str, Found]]:
    """The captures of the file at ``path`` (see ``captures_in``)."""
    try:
        stream = open(path, "rb")  # noqa: SIM115 (closed below, after the last capture)
    except OSError as error:
        yield str(path), ParseError(f"cannot read file: {error.strerror or error}")
        return
    with stream:
        yield from captures_in(str(path), stream)


def _is_html(data: bytes) -> bool:
    start = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<!--", b"<head", b"<meta"))
