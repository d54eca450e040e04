"""Build the sample archive's WARC from lachin.html and a drawing made here.

Run: .venv/bin/python articles/data/sample_web/build.py
Writes articles/data/sample/001_lachin-handover.warc.gz: the page, its image,
a stylesheet, a 404 and a revisit, as a crawl leaves them, so that `make run`
shows a web capture beside the text capture.
"""

import io
from pathlib import Path

from PIL import Image, ImageDraw
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
TARGET = HERE.parent / "sample" / "001_lachin-handover.warc.gz"
SITE = "https://sample.newsroom-archive.example"
PAGE = f"{SITE}/2020/12/01/lachin-district-returns/"
CAPTURED = "2020-12-01T12:00:00Z"


def drawing() -> bytes:
    """Hills and a winding road, drawn with a few shapes."""
    image = Image.new("RGB", (960, 540), (214, 226, 236))
    draw = ImageDraw.Draw(image)
    for x, height, shade in ((-100, 300, 150), (250, 380, 128), (600, 320, 140)):
        draw.polygon([(x, 540), (x + 350, 540 - height), (x + 700, 540)], fill=(90, shade, 90))
    road = [(480 + 140 * ((i % 2) * 2 - 1) * (1 - i / 8), 540 - i * 40) for i in range(9)]
    draw.line(road, fill=(120, 110, 100), width=18, joint="curve")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def record(writer, url, body, content_type, status="200 OK"):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    made = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": CAPTURED},
    )
    writer.write_record(made)
    return made


def main() -> None:
    with open(TARGET, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        page = record(writer, PAGE, (HERE / "lachin.html").read_bytes(), "text/html; charset=utf-8")
        record(writer, f"{SITE}/media/lachin-road.png", drawing(), "image/png")
        record(writer, f"{SITE}/site.css", b"body { font-family: serif }", "text/css")
        record(writer, f"{SITE}/missing", b"<html>Not found</html>", "text/html", "404 Not Found")
        writer.write_record(
            writer.create_revisit_record(
                PAGE,
                digest=page.rec_headers.get_header("WARC-Payload-Digest"),
                refers_to_uri=PAGE,
                refers_to_date=CAPTURED,
            )
        )
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
