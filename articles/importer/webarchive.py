"""Web pages in web archives: WARC files (``.warc``, ``.warc.gz``) and WACZ packages.

Records are read one at a time with warcio, so a file of any size is read in
bounded memory. Every HTML response (status 200) is one page to import; other
records (scripts, styles, images, errors, redirects, revisits) are skipped and
said why. A damaged record is reported and reading goes on at the next one.
"""

from __future__ import annotations

import datetime
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from django.template.defaultfilters import filesizeformat
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from .captured import HTML, Captured
from .errors import ParseError

GZIP_MAGIC = b"\x1f\x8b"
# What reading a damaged or unusual ZIP member raises.
_ZIP_ERRORS = (zipfile.BadZipFile, NotImplementedError, RuntimeError, zlib.error, EOFError, OSError)
_RESYNC_CHUNK = 1 << 20
# warcio reads a record's header a line at a time, and the time it takes grows
# with the square of a line's length: a damaged or hostile file holding one line
# of 200 MB took it longer than any request or patience allows. No record header
# comes near this length, and a page longer than it is not imported anyway.
MAX_LINE_BYTES = 4 * 1024 * 1024
# An encoding's label, at most as long as a capture's charset field holds.
_LABEL = r"([\w-]{1,64})"
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset=["']?""" + _LABEL.encode(), re.IGNORECASE)


@dataclass(frozen=True)
class Skipped:
    """A record that holds no page to import, and why."""

    reason: str


Found = Captured | Skipped | ParseError


def is_warc(head: bytes) -> bool:
    return head.startswith(b"WARC/") or head.startswith(GZIP_MAGIC)


def is_wacz(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def unreadable(stream: BinaryIO, max_bytes: int | None = None) -> str | None:
    """Why warcio should not be given this WARC or WACZ file, or None.

    One pass over its bytes as warcio would read them (gzip members and ZIP
    members decompressed, in bounded memory): a line longer than MAX_LINE_BYTES,
    or, with ``max_bytes``, more bytes than that once decompressed.
    """
    stream.seek(0)
    try:
        if is_wacz(stream.read(8)):
            stream.seek(0)
            with zipfile.ZipFile(stream) as package:
                return _measure(_package_bytes(package), max_bytes)
        stream.seek(0)
        return _measure(_warc_bytes(stream), max_bytes)
    except _ZIP_ERRORS:
        return None  # not a readable package: reported as such, and nothing is read
    finally:
        stream.seek(0)


def _package_bytes(package: zipfile.ZipFile) -> Iterator[bytes]:
    """The bytes of each WARC a WACZ package holds. A damaged member is read as far
    as it goes, and the members after it still are, as the import reads them."""
    for name in package.namelist():
        if name.startswith("archive/") and name.endswith((".warc", ".warc.gz")):
            try:
                with package.open(name) as member:
                    yield from _warc_bytes(member)
            except _ZIP_ERRORS:
                continue


def _measure(chunks: Iterator[bytes], max_bytes: int | None) -> str | None:
    total = run = 0  # run: bytes since the last line break
    for chunk in chunks:
        total += len(chunk)
        if max_bytes is not None and total > max_bytes:
            return (
                f"more than {filesizeformat(max_bytes)} once decompressed, the most the admin "
                "imports while you wait (ARCHIVE_ADMIN_IMPORT_MAX_BYTES): import it with "
                "`manage.py import_coverage`"
            )
        # A chunk is at most 1 MB, shorter than a line may be, so only a line
        # running across chunks can be too long.
        first = chunk.find(b"\n")
        if first == -1:
            run += len(chunk)
            longest = run
        else:
            longest = run + first
            run = len(chunk) - chunk.rfind(b"\n") - 1
        if longest > MAX_LINE_BYTES:
            return (
                f"a line longer than {MAX_LINE_BYTES // 1_048_576} MB, which no WARC record "
                "header holds: damaged, or not a web archive"
            )
    return None


def _warc_bytes(stream: BinaryIO) -> Iterator[bytes]:
    """A WARC file's bytes as warcio may read them, in chunks of at most 1 MB: each
    gzip member decompressed, and what does not decompress (a damaged member, or
    data that is not gzip, which warcio reads as it is) as it is."""
    compressed = stream.read(2) == GZIP_MAGIC
    stream.seek(0)
    if not compressed:
        while chunk := stream.read(_RESYNC_CHUNK):
            yield chunk
        return
    member, inflater, pending = 0, zlib.decompressobj(wbits=31), b""
    while True:
        pending = pending or stream.read(_RESYNC_CHUNK)
        if not pending:
            return
        try:
            yield inflater.decompress(pending, _RESYNC_CHUNK)
        except zlib.error:
            following = _next_record(stream, member + 1)
            stream.seek(member)
            yield from _raw(stream, None if following is None else following - member)
            if following is None:
                return
            stream.seek(following)
            member, inflater, pending = following, zlib.decompressobj(wbits=31), b""
            continue
        pending = inflater.unconsumed_tail
        if inflater.eof:  # the next member starts a new gzip stream
            pending = inflater.unused_data
            member = stream.tell() - len(pending)
            inflater = zlib.decompressobj(wbits=31)


def _raw(stream: BinaryIO, size: int | None) -> Iterator[bytes]:
    """``size`` bytes of ``stream`` (all the rest with None), in chunks of at most 1 MB."""
    while size is None or size > 0:
        chunk = stream.read(_RESYNC_CHUNK if size is None else min(_RESYNC_CHUNK, size))
        if not chunk:
            return
        yield chunk
        if size is not None:
            size -= len(chunk)


def pages_in_wacz(
    stream: BinaryIO, max_page_bytes: int, max_expanded: int | None = None
) -> Iterator[tuple[str, Found]]:
    """The pages of every WARC a WACZ package holds (under ``archive/``), or one
    ParseError for a package ``unreadable`` refuses."""
    if why := unreadable(stream, max_expanded):
        yield "", ParseError(why)
        return
    try:
        package = zipfile.ZipFile(stream)
    except zipfile.BadZipFile as error:
        yield "", ParseError(f"not a readable WACZ (ZIP) package: {error}")
        return
    with package:
        members = [
            name
            for name in package.namelist()
            if name.startswith("archive/") and name.endswith((".warc", ".warc.gz"))
        ]
        if not members:
            yield "", ParseError("the WACZ package holds no WARC file under archive/")
            return
        for member in members:
            try:
                with package.open(member) as stream:
                    for where, found in _pages(stream, max_page_bytes):
                        yield f"{member}{where}", found
            except _ZIP_ERRORS as error:
                yield member, ParseError(f"cannot read {member} in the WACZ package: {error}")


def pages_in_warc(
    stream: BinaryIO, max_page_bytes: int, max_expanded: int | None = None
) -> Iterator[tuple[str, Found]]:
    """(where in the file, what the record holds) for each record, in order, or one
    ParseError for a file ``unreadable`` refuses."""
    if why := unreadable(stream, max_expanded):
        yield "", ParseError(why)
        return
    yield from _pages(stream, max_page_bytes)


def _pages(stream: BinaryIO, max_page_bytes: int) -> Iterator[tuple[str, Found]]:
    for offset, found in _each_record(stream, lambda record: _page(record, max_page_bytes)):
        yield f"#{offset}", found


def image_records(
    stream: BinaryIO, max_bytes: int, max_expanded: int | None = None
) -> Iterator[tuple[str, bytes]]:
    """(address, content) of each image a WARC or WACZ holds, one at a time; none
    from a file ``unreadable`` refuses (its pages were refused for the same reason)."""
    if not unreadable(stream, max_expanded):
        yield from _images(stream, max_bytes)


def _images(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[str, bytes]]:
    head = stream.read(8)
    stream.seek(0)
    if is_wacz(head):
        try:
            with zipfile.ZipFile(stream) as package:
                for member in package.namelist():
                    if member.startswith("archive/") and member.endswith((".warc", ".warc.gz")):
                        with package.open(member) as warc:
                            yield from _images(warc, max_bytes)
        except _ZIP_ERRORS:
            return  # reported when its pages were read
        return
    if not is_warc(head):
        return
    for _, found in _each_record(stream, lambda record: _image(record, max_bytes)):
        if isinstance(found, tuple):
            yield found


def _each_record(stream: BinaryIO, read: Callable) -> Iterator[tuple[int, Any]]:
    """(offset, ``read(record)``) for each record; a damaged one gives a ParseError,
    and reading goes on at the next record after it."""
    start = 0
    while True:
        stream.seek(start)
        records = ArchiveIterator(stream)
        damaged = start  # where the record being read starts
        try:
            for record in records:
                found = read(record)  # before asking where it lay, which reads it to the end
                offset = start + records.get_record_offset()
                yield offset, found
                damaged = offset + records.get_record_length()
            return
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as error:
            yield damaged, ParseError(f"damaged WARC record: {error}")
            start = _next_record(stream, damaged + 1)
            if start is None:
                return


def _image(record, max_bytes: int) -> tuple[str, bytes] | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if record.http_headers.get_statuscode() != "200" or not content_type.startswith("image/"):
        return None
    data = _read_at_most(record.content_stream(), max_bytes + 1)
    if len(data) > max_bytes:
        return None  # larger than any upload may be
    return record.rec_headers.get_header("WARC-Target-URI"), data


def _next_record(stream: BinaryIO, after: int) -> int | None:
    """Where the next record starts after a damaged one: the next gzip member, or
    the next "WARC/1." line of an uncompressed file."""
    stream.seek(0)
    compressed = stream.read(2) == GZIP_MAGIC
    marker = GZIP_MAGIC + b"\x08" if compressed else b"\nWARC/1."
    position = after
    while True:
        stream.seek(position)
        chunk = stream.read(_RESYNC_CHUNK)
        if len(chunk) <= len(marker):
            return None  # the end of the file: no record after the damaged one
        found = chunk.find(marker)
        if found != -1:
            return position + found + (0 if compressed else 1)
        position += len(chunk) - len(marker)


def _page(record, max_page_bytes: int) -> Found:
    kind = record.rec_type
    if kind == "revisit":
        return Skipped("revisit of an unchanged page")
    if kind != "response" or record.http_headers is None:
        return Skipped(f"{kind or 'untyped'} record")
    status = record.http_headers.get_statuscode() or "no status"
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if status != "200":
        return Skipped(f"HTTP {status} response")
    if "html" not in content_type:
        return Skipped(f"{content_type.split(';')[0] or 'untyped'} response")
    data = _read_at_most(record.content_stream(), max_page_bytes + 1)
    if len(data) > max_page_bytes:
        return ParseError(f"page larger than {max_page_bytes // 1_048_576} MB")
    headers = record.rec_headers
    try:
        return html_capture(
            data,
            content_type,
            url=headers.get_header("WARC-Target-URI"),
            captured_at=_warc_date(headers.get_header("WARC-Date")),
            record_id=headers.get_header("WARC-Record-ID") or "",
            payload_digest=headers.get_header("WARC-Payload-Digest") or "",
        )
    except ParseError as error:
        return error


def _read_at_most(stream, limit: int) -> bytes:
    """Up to ``limit`` bytes of a record's content, read in chunks: a page larger than
    any capture is refused without holding it all."""
    chunks, size = [], 0
    while size < limit and (chunk := stream.read(min(65536, limit - size))):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def html_capture(data: bytes, content_type: str = "", **origin) -> Captured:
    """A page's capture: its markup as text and, where the page's bytes are not that
    text in UTF-8 (a page in an older encoding), those bytes unchanged with their
    encoding, since they are what was captured. ``origin`` is where and when."""
    html, charset = decode_html(data, content_type)
    if html.encode("utf-8") == data:
        return Captured(html, HTML, **origin)
    return Captured(html, HTML, original=data, charset=charset, **origin)


def decode_html(data: bytes, content_type: str = "") -> tuple[str, str]:
    """A page's markup as text, and the encoding it was read in: the one its headers
    or markup declare, else UTF-8, else the likeliest."""
    declared = re.search(r"charset=" + _LABEL, content_type)
    meta = _CHARSET_RE.search(data[:4096])
    encodings = [declared.group(1) if declared else None]
    encodings.append(meta.group(1).decode("ascii", "replace") if meta else None)
    encodings.append("utf-8")
    for encoding in filter(None, encodings):
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        try:
            # Decoded here rather than by charset_normalizer, so that reading the
            # kept bytes in the kept encoding gives the stored text again.
            return data.decode(best.encoding), best.encoding
        except (LookupError, UnicodeDecodeError):
            pass
    raise ParseError("page in an unknown text encoding")


def _warc_date(value: str | None) -> datetime.datetime | None:
    if not value:
        return None
    try:
        return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


# SingleFile, the browser extension, notes where and when it saved a page.
_SINGLEFILE_RE = re.compile(
    r"<!--\s*Page saved with SingleFile\s*url:\s*(\S+)\s*saved date:\s*"
    r"\w{3} (\w{3} \d{1,2} \d{4} \d{2}:\d{2}:\d{2}) GMT([+-]\d{4})"
)


def saved_page_origin(html: str) -> tuple[str | None, datetime.datetime | None]:
    """(address, time) a saved page records of its own capture, where it does."""
    found = _SINGLEFILE_RE.search(html[:4096])
    if found is None:
        return None, None
    try:
        when = datetime.datetime.strptime(f"{found[2]} {found[3]}", "%b %d %Y %H:%M:%S %z")
    except ValueError:
        when = None
    return found[1], when
