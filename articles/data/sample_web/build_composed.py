"""Build the sample archive's composed web captures from the pages here and drawings.py.

Run: .venv/bin/python articles/data/sample_web/build_composed.py
Writes into articles/data/sample/:
- 005_aghdam-handover.html, aghdam.html saved as one file, its drawing inlined as
  a data: URI, as a browser's single-file save leaves it;
- 008_districts-and-kalbajar.warc.gz, districts.html and kalbajar.html with their
  drawings as records of their own, as a crawl leaves them.
The output is the same on every run (fixed record IDs and dates), so rebuilding
changes the committed files only when a page or a drawing changes. `make run`
imports the committed files and never runs this.
"""

import base64
import io
import uuid
from pathlib import Path

from drawings import aghdam_plain, districts_map, kalbajar_mountains
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "sample"
SITE = "https://sample.newsroom-archive.example"
# (page source, its address, capture time, image address, drawing)
WARC_PAGES = [
    (
        "districts.html",
        f"{SITE}/2020/12/03/seven-districts/",
        "2020-12-03T12:00:00Z",
        f"{SITE}/media/districts-map.png",
        districts_map,
    ),
    (
        "kalbajar.html",
        f"{SITE}/2020/12/14/kalbajar-mountain-district/",
        "2020-12-14T11:00:00Z",
        f"{SITE}/media/kalbajar-mountains.png",
        kalbajar_mountains,
    ),
]


def saved_page() -> None:
    """The Aghdam page with its drawing inlined, as a single-file save."""
    image = base64.b64encode(aghdam_plain()).decode("ascii")
    html = (HERE / "aghdam.html").read_text(encoding="utf-8")
    html = html.replace('src="aghdam-plain.png"', f'src="data:image/png;base64,{image}"')
    target = SAMPLE / "005_aghdam-handover.html"
    target.write_text(html, encoding="utf-8")
    print(f"wrote {target}")


def response(writer: WARCWriter, url: str, body: bytes, content_type: str, when: str) -> None:
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    # A record ID made from the address, rather than a random one, keeps the file stable.
    record_id = f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>"
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": when, "WARC-Record-ID": record_id},
    )
    writer.write_record(record)


def web_archive() -> None:
    target = SAMPLE / "008_districts-and-kalbajar.warc.gz"
    with open(target, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for source, url, when, image_url, draw in WARC_PAGES:
            page = (HERE / source).read_bytes()
            response(writer, url, page, "text/html; charset=utf-8", when)
            response(writer, image_url, draw(), "image/png", when)
    print(f"wrote {target}")


if __name__ == "__main__":
    saved_page()
    web_archive()
