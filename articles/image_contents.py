"""What an image file holds besides its pixels: text in its metadata, and bytes after its end.

An upload must be purely an image. Markup hidden in one (a polyglot) could
run if a browser ever took the file for a web page, so the checks refuse a
file with anything after the image's end, and one whose comments, text
chunks or metadata hold web markup. Only those parts are searched, not the
compressed pixels, where a short tag would turn up by chance.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

# Tags a browser would act on, a tag with an event handler, or a script URL.
MARKUP = re.compile(
    rb"<\s*/?\s*(?:html|head|body|script|style|svg|math|i?frame|frameset|object|embed"
    rb"|applet|meta|link|base|form|input|button|textarea|select|a|img|image|video|audio"
    rb"|source|template|marquee|details|isindex)(?=[\s/>])"
    rb"|<\s*(?:\?php|!doctype)"
    rb"|<[a-z][^<>]*[\s/\"']on[a-z]+\s*="
    rb"|(?:java|vb)script\s*:"
    rb"|data\s*:\s*text/html",
    re.IGNORECASE,
)
# Text chunks are inflated up to this much: enough for any caption, not a bomb.
MAX_TEXT = 1024 * 1024
# PNG chunks that hold pixels or numbers, never text.
PNG_BINARY = frozenset(
    b"IHDR PLTE IDAT IEND tRNS gAMA cHRM sRGB iCCP sBIT bKGD hIST pHYs sPLT tIME "
    b"acTL fcTL fdAT eXIf".split()
)
# WebP chunks that hold pixels, a colour profile or animation parameters.
WEBP_BINARY = frozenset(b"VP8 |VP8L|VP8X|ALPH|ANIM|ANMF|ICCP|EXIF".split(b"|"))


class Malformed(Exception):
    """The file's structure ends early or contradicts itself."""


@dataclass
class Contents:
    texts: list[bytes] = field(default_factory=list)
    trailing: bytes = b""

    def has_markup(self) -> bool:
        return any(holds_markup(text) for text in [*self.texts, self.trailing])


def holds_markup(data: bytes) -> bool:
    # UTF-16 text (EXIF's XPComment, for one) spells markup with NULs between letters.
    return bool(MARKUP.search(data) or MARKUP.search(data.replace(b"\0", b"")))


def contents(data: bytes, fmt: str, metadata: list[bytes]) -> Contents:
    """The text parts and trailing bytes of a JPEG, PNG or WebP; ``metadata`` adds the
    strings Pillow decoded from its EXIF and IPTC blocks."""
    parse = {"JPEG": _jpeg, "PNG": _png, "WEBP": _webp}[fmt]
    found = parse(data)
    found.texts += metadata
    return found


def _u16(data: bytes, at: int) -> int:
    if at + 2 > len(data):
        raise Malformed("ends inside a segment header")
    return int.from_bytes(data[at : at + 2], "big")


def _jpeg(data: bytes) -> Contents:
    found = Contents()
    pos = 2  # after SOI
    while True:
        if pos >= len(data) or data[pos] != 0xFF:
            raise Malformed("no marker where one belongs (no end of image)")
        while pos < len(data) and data[pos] == 0xFF:
            pos += 1  # fill bytes
        if pos >= len(data):
            raise Malformed("ends before its end-of-image marker")
        marker = data[pos]
        pos += 1
        if marker == 0xD9:
            found.trailing = data[pos:]
            return found
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            continue
        length = _u16(data, pos)
        segment = data[pos + 2 : pos + length]
        pos += length
        if marker == 0xFE or _unknown_app_segment(marker, segment):
            found.texts.append(segment)
        elif marker == 0xE1 and segment.startswith(b"http://ns.adobe.com/"):
            found.texts.append(segment)  # XMP: XML text
        if marker == 0xDA:
            pos = _after_scan(data, pos)


def _unknown_app_segment(marker: int, segment: bytes) -> bool:
    """An APPn segment of a kind no camera or editor writes as binary we know of."""
    if not 0xE0 <= marker <= 0xEF:
        return False
    known = (b"JFIF", b"JFXX", b"Exif", b"http://ns.adobe.com/", b"ICC_PROFILE", b"MPF")
    known += (b"Photoshop 3.0", b"Adobe", b"Ducky")
    return not segment.startswith(known)


def _after_scan(data: bytes, pos: int) -> int:
    """The position of the marker that ends a scan's entropy-coded data."""
    while True:
        found = data.find(b"\xff", pos)
        if found < 0 or found + 1 >= len(data):
            raise Malformed("ends inside the image data")
        following = data[found + 1]
        if following == 0xFF:
            pos = found + 1
        elif following == 0x00 or 0xD0 <= following <= 0xD7:
            pos = found + 2  # a stuffed byte or a restart marker: still image data
        else:
            return found


def _png(data: bytes) -> Contents:
    found = Contents()
    pos = 8  # after the signature
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if pos > len(data):
            raise Malformed("a chunk runs past the end")
        if kind == b"IEND":
            found.trailing = data[pos:]
            return found
        if kind not in PNG_BINARY:
            found.texts += [body, *_inflated(kind, body)]
    raise Malformed("no end chunk")


def _inflated(kind: bytes, body: bytes) -> list[bytes]:
    """The text of a compressed text chunk (zTXt, or iTXt with its flag set)."""
    keyword, _, rest = body.partition(b"\0")
    if kind == b"zTXt":
        compressed = rest[1:]
    elif kind == b"iTXt" and rest[:1] == b"\1":
        _language, _, rest = rest[2:].partition(b"\0")
        _translated, _, compressed = rest.partition(b"\0")
    else:
        return []
    try:
        return [zlib.decompressobj().decompress(compressed, MAX_TEXT)]
    except zlib.error:
        raise Malformed("a compressed text chunk cannot be read") from None


def _webp(data: bytes) -> Contents:
    found = Contents()
    end = 8 + int.from_bytes(data[4:8], "little")
    if end > len(data):
        raise Malformed("shorter than its header says")
    found.trailing = data[end:]
    for kind, body in _riff_chunks(data[12:end]):
        if kind not in WEBP_BINARY:
            found.texts.append(body)  # XMP, and any chunk of unknown kind
    return found


def _riff_chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    pos = 0
    while pos + 8 <= len(data):
        size = int.from_bytes(data[pos + 4 : pos + 8], "little")
        yield data[pos : pos + 4], data[pos + 8 : pos + 8 + size]
        pos += 8 + size + (size & 1)
