"""Saved web pages and web archives (WARC, WACZ) import as articles, like text captures.

The pages are synthetic (tests/fixtures/web/README.md); the WARC and WACZ files
are written here with warcio, with the records a crawler leaves beside pages.
"""

import base64
import io
import json
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from PIL import Image
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from articles.importer.images_found import attach_from_archive
from articles.models import Article, Capture, Photo, Quote

pytestmark = pytest.mark.django_db

WEB = Path(__file__).resolve().parent / "fixtures" / "web"
WORDPRESS_URL = "https://harbourdaily.example/2020/11/24/families-leave-kalbajar/"
ARC_URL = "https://caucasuswire.example/region/2022/08/26/bridge-repairs-reach-lachin/"


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_coverage", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def dry_json(path: Path):
    out, _ = run("--dry-run", "--format", "json", str(path))
    return json.loads(out)


IMAGE_URL = "https://harbourdaily.example/wp-content/uploads/2020/11/convoy.jpg"


def jpeg(size=(640, 480)) -> bytes:
    """A drawn JPEG whose EXIF holds a GPS position, as a phone's photo would."""
    exif = Image.Exif()
    exif.get_ifd(0x8825)[2] = (40.0, 4.0, 0.0)
    buffer = io.BytesIO()
    Image.new("RGB", size, (120, 90, 60)).save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def page_with_inlined_image() -> str:
    """The WordPress page as a single-file save holds it: its image inlined."""
    data = base64.b64encode(jpeg()).decode()
    return (
        (WEB / "wordpress.html")
        .read_text()
        .replace(
            'src="/wp-content/uploads/2020/11/convoy.jpg"', f'src="data:image/jpeg;base64,{data}"'
        )
    )


def response(writer, url, body: bytes, content_type="text/html; charset=utf-8", status="200 OK"):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
    )
    writer.write_record(record)
    return record


def write_warc(path: Path, gzip: bool = True) -> None:
    """Two article pages among the records a crawl leaves: an image, a script, a 404,
    a redirect, a request and a revisit of an unchanged page."""
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        asked = StatusAndHeaders("GET / HTTP/1.1", [("Host", "harbourdaily.example")])
        request = writer.create_warc_record(
            WORDPRESS_URL, "request", payload=io.BytesIO(b""), length=0, http_headers=asked
        )
        writer.write_record(request)
        page = response(writer, WORDPRESS_URL, (WEB / "wordpress.html").read_bytes())
        response(writer, IMAGE_URL, jpeg(), "image/jpeg")
        response(writer, "https://harbourdaily.example/app.js", b"let x = 1;", "text/javascript")
        response(
            writer,
            "https://harbourdaily.example/gone",
            b"<html>Not found</html>",
            status="404 Not Found",
        )
        response(writer, "https://harbourdaily.example/old", b"", status="301 Moved Permanently")
        response(writer, ARC_URL, (WEB / "arc.html").read_bytes())
        revisit = writer.create_revisit_record(
            WORDPRESS_URL,
            digest=page.rec_headers.get_header("WARC-Payload-Digest"),
            refers_to_uri=WORDPRESS_URL,
            refers_to_date=page.rec_headers.get_header("WARC-Date"),
        )
        writer.write_record(revisit)


# Saved pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "headline", "published", "source", "byline", "speaker"),
    [
        (
            "wordpress.html",
            "Families leave Kalbajar before the handover",
            "2020-11-24T05:30",
            "harbourdaily.example",
            "Test Reporter",
            "Leyla Testova",
        ),
        (
            "arc.html",
            "Bridge repairs reach Lachin",
            "2022-08-26T06:15",
            "caucasuswire.example",
            "Sample Correspondent",
            "Aram Testyan",
        ),
        (
            "amp.html",
            "La bibliothèque de Goris rouvre ses portes",
            "2022-09-12T06:00",
            "courrierdesmontagnes.example",
            "Test Rédactrice",
            "Anahit Testyan",
        ),
        (
            "legacy.html",
            "Synthetic: Hadrut farmers count the harvest",
            "2021-10-02T00:00",
            None,
            None,
            "Gor Testyan",
        ),
    ],
)
def test_a_saved_page_gives_its_article(page, headline, published, source, byline, speaker):
    found = dry_json(WEB / page)
    assert (found["headline"], found["published"], found["source"], found["byline"]) == (
        headline,
        published,
        source,
        byline,
    )
    assert [q["speaker"] for q in found["quotes"]] == [speaker]
    assert {"original_url", "captured_at"} <= set(found)
    assert not any("Subscribe" in p for p in found.get("paragraphs", []))


def test_a_pages_figures_give_photos_with_caption_credit_and_image():
    [photo] = dry_json(WEB / "wordpress.html")["photos"]
    assert photo == {
        "captions": {"en": "Trucks on the road out of Kalbajar."},
        "credit": "Anna Testova, Meridian Images",
        "image": "https://harbourdaily.example/wp-content/uploads/2020/11/convoy.jpg",
    }
    [french] = dry_json(WEB / "amp.html")["photos"]
    assert french["captions"] == {"fr": "Une salle de lecture de la bibliothèque."}


def test_related_coverage_marked_in_the_markup_becomes_related_headlines():
    assert dry_json(WEB / "wordpress.html")["related_headlines"] == [
        "Synthetic: Aghdam changes hands after three decades",
        "Synthetic: Kalbajar handover postponed by ten days",
    ]


SINGLEFILE_NOTE = (
    "<!--\n Page saved with SingleFile \n url: https://harbourdaily.example/saved-copy \n"
    " saved date: Tue Nov 24 2020 18:05:00 GMT+0400 (Gulf Standard Time)\n-->"
)


def test_a_single_file_save_with_an_inlined_image(tmp_path):
    html = page_with_inlined_image()
    saved = tmp_path / "saved.html"
    saved.write_text(SINGLEFILE_NOTE + html)
    found = dry_json(saved)
    assert found["photos"][0]["image"].startswith("data:image/jpeg;base64,")
    # SingleFile notes where and when it saved the page.
    assert found["original_url"] == "https://harbourdaily.example/saved-copy"
    assert found["captured_at"] == "2020-11-24T18:05:00+04:00"


def test_a_saved_page_is_told_by_its_content_not_its_name(tmp_path):
    renamed = tmp_path / "page.txt"
    renamed.write_bytes((WEB / "arc.html").read_bytes())
    assert dry_json(renamed)["headline"] == "Bridge repairs reach Lachin"


def test_a_page_in_an_older_encoding_is_read_in_it():
    found = dry_json(WEB / "legacy.html")
    assert found["quotes"][0]["text"] == "The land is good, but the season is short here"


def test_a_page_without_article_text_fails_with_a_clear_line(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_text("<!doctype html><html><head><title>Menu</title></head><body></body></html>")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("import_coverage", str(empty), stdout=out, stderr=err)
    assert "no article text on the page" in err.getvalue()
    assert "Traceback" not in err.getvalue()


# Web archives --------------------------------------------------------------------------------


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_a_warc_imports_each_article_page_and_skips_the_other_records(tmp_path, gzip):
    warc = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(warc, gzip=gzip)
    out, _ = run(str(warc))
    assert "2 imported" in out
    assert "Skipped 6 web archive records" in out
    assert "revisit of an unchanged page" in out and "HTTP 404 response" in out
    article = Article.objects.get(headline="Families leave Kalbajar before the handover")
    assert article.original_url == WORDPRESS_URL
    capture = article.capture
    assert (capture.media_type, capture.original_url) == ("text/html", WORDPRESS_URL)
    assert capture.record_id.startswith("<urn:uuid:")
    assert capture.payload_digest.startswith("sha1:")
    assert capture.captured_at == article.captured_at is not None
    assert capture.verify()
    assert Quote.objects.filter(article=article, speaker__name="Leyla Testova").exists()


def test_importing_the_same_warc_again_creates_nothing(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc)
    run(str(warc))
    out, _ = run(str(warc))
    assert "0 imported" in out and "2 already imported" in out
    assert Capture.objects.count() == 2


def test_a_damaged_record_is_reported_and_the_records_after_it_still_import(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc)
    data = warc.read_bytes()
    # Cut into the middle of the first page's record: a gzip member that ends early.
    start = data.index(b"\x1f\x8b", 10)
    damaged = data[: start + 200] + data[start + 260 :]
    warc.write_bytes(damaged)
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("import_coverage", str(warc), stdout=out, stderr=err)
    assert "damaged WARC record" in err.getvalue()
    assert "Traceback" not in err.getvalue()
    assert Article.objects.filter(original_url=ARC_URL).exists()


def test_a_wacz_package_imports_the_warcs_it_holds(tmp_path):
    warc = tmp_path / "data.warc.gz"
    write_warc(warc)
    wacz = tmp_path / "crawl.wacz"
    with zipfile.ZipFile(wacz, "w") as package:
        package.write(warc, "archive/data.warc.gz", compress_type=zipfile.ZIP_STORED)
        package.writestr("datapackage.json", json.dumps({"profile": "data-package"}))
    out, _ = run(str(wacz))
    assert "2 imported" in out
    assert Article.objects.filter(original_url=ARC_URL).exists()


def test_a_wacz_without_warcs_is_refused_clearly(tmp_path):
    wacz = tmp_path / "empty.wacz"
    with zipfile.ZipFile(wacz, "w") as package:
        package.writestr("datapackage.json", "{}")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("import_coverage", str(wacz), stdout=out, stderr=err)
    assert "holds no WARC file" in err.getvalue()


def refusal_of(path: Path) -> str:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("import_coverage", str(path), stdout=out, stderr=err)
    assert "Traceback" not in err.getvalue()
    return err.getvalue()


LONG_LINE = "a line longer than 4 MB, which no WARC record header holds"


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_a_warc_holding_a_line_of_megabytes_is_refused_as_a_whole(tmp_path, gzip):
    """warcio reads record headers a line at a time, in time growing with the
    square of the line: such a file (damaged, or a decompression bomb) would hold a
    worker for minutes. It is refused before warcio reads it, saying why."""
    warc = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(warc, gzip=gzip)
    garbage = b"WARC/1.0\r\n" + b"\x00" * (5 * 1024 * 1024)
    with open(warc, "ab") as stream:
        stream.write(__import__("gzip").compress(garbage) if gzip else garbage)
    assert LONG_LINE in refusal_of(warc)
    assert not Article.objects.exists()


def test_a_long_line_after_a_damaged_gzip_member_is_found_too(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc)
    data = warc.read_bytes()
    start = data.index(b"\x1f\x8b", 10)
    damaged = data[: start + 200] + data[start + 260 :]  # a member that ends early
    bomb = __import__("gzip").compress(b"WARC/1.0\r\n" + b"A" * (5 * 1024 * 1024))
    warc.write_bytes(damaged + bomb)
    assert LONG_LINE in refusal_of(warc)


def test_a_long_line_after_a_gzip_member_that_is_not_gzip_is_found_too(tmp_path):
    """warcio reads what follows a member as it is when it is not gzip."""
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc)
    with open(warc, "ab") as stream:
        stream.write(b"WARC/1.0\r\n" + b"\x00" * (5 * 1024 * 1024))
    assert LONG_LINE in refusal_of(warc)


def test_a_damaged_member_of_a_wacz_does_not_hide_the_members_after_it(tmp_path):
    wacz = tmp_path / "crawl.wacz"
    with zipfile.ZipFile(wacz, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("archive/a.warc", b"WARC/1.0\r\n\r\n")
        package.writestr("archive/b.warc", b"WARC/1.0\r\n" + b"\x00" * (5 * 1024 * 1024))
    data = bytearray(wacz.read_bytes())
    first = data.index(b"PK\x01\x02")  # a.warc's entry in the central directory
    data[first + 16 : first + 20] = b"\xde\xad\xbe\xef"  # its CRC-32, now wrong
    wacz.write_bytes(bytes(data))
    assert LONG_LINE in refusal_of(wacz)


def test_a_wacz_whose_warc_expands_to_a_line_of_megabytes_is_refused(tmp_path):
    wacz = tmp_path / "bomb.wacz"
    with zipfile.ZipFile(wacz, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("archive/data.warc", b"\x00" * (5 * 1024 * 1024))
        package.writestr("datapackage.json", "{}")
    assert wacz.stat().st_size < 100_000
    assert LONG_LINE in refusal_of(wacz)


def test_long_lines_inside_a_record_are_no_reason_to_refuse(tmp_path):
    """A page on one line of 3 MB (minified markup) is read as usual: only lines
    longer than any header could be are refused."""
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc)
    with open(warc, "ab") as stream:
        writer = WARCWriter(stream, gzip=True)
        response(
            writer,
            "https://harbourdaily.example/big.js",
            b"x" * (3 * 1024 * 1024),
            "text/javascript",
        )
    out, _ = run(str(warc))
    assert "2 imported" in out


def test_the_dry_run_of_a_warc_lists_each_article_with_where_and_when(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc)
    found = dry_json(warc)
    assert [f["original_url"] for f in found] == [WORDPRESS_URL, ARC_URL]
    assert all(f["captured_at"] for f in found)
    assert not Article.objects.exists()


def test_a_photo_gets_its_image_from_the_warc_stripped_and_rendered(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc)
    out, _ = run(str(warc))
    assert "Gave 1 photo their images" in out
    photo = Photo.objects.get(source_url=IMAGE_URL)
    assert (photo.width, photo.height) == (640, 480)
    assert photo.original.name and photo.renditions
    with photo.image.open() as served, Image.open(served) as image:
        assert not image.getexif()
    assert photo.article.headline == "Families leave Kalbajar before the handover"


def test_an_inlined_image_of_a_saved_page_is_kept_too(tmp_path, django_capture_on_commit_callbacks):
    html = page_with_inlined_image()
    saved = tmp_path / "saved.html"
    saved.write_text(html)
    with django_capture_on_commit_callbacks(execute=True):
        run(str(saved))
    photo = Photo.objects.get()
    assert photo.image and photo.source_url == ""
    with photo.image.open() as served, Image.open(served) as image:
        assert image.size == (640, 480) and not image.getexif()


def test_an_archived_image_that_fails_the_upload_checks_is_named_not_kept(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    with open(warc, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        response(writer, WORDPRESS_URL, (WEB / "wordpress.html").read_bytes())
        response(writer, IMAGE_URL, jpeg() + b"<script>alert(1)</script>", "image/jpeg")
    out, err = run(str(warc))
    assert "1 imported" in out
    assert IMAGE_URL in err and "web markup" in err
    assert not Photo.objects.get().image


def test_a_later_capture_of_the_same_page_is_the_same_article(tmp_path):
    # Saved with SingleFile, which records the address each copy was saved from.
    note = SINGLEFILE_NOTE.replace("https://harbourdaily.example/saved-copy", ARC_URL)
    first = tmp_path / "first.html"
    first.write_text(note + (WEB / "arc.html").read_text())
    later = tmp_path / "later.html"
    later.write_text(
        note
        + (WEB / "arc.html")
        .read_text()
        .replace("Bridge repairs reach Lachin", "Bridge repairs reach Lachin early")
        .replace("two weeks ahead of schedule", "fifteen days ahead of schedule")
    )
    run(str(first))
    out, _ = run(str(later))
    assert "same page address" in out and "use --update" in out
    run("--update", str(later))
    article = Article.objects.get(original_url=ARC_URL)
    assert article.headline == "Bridge repairs reach Lachin early"
    assert Article.objects.filter(original_url=ARC_URL).count() == 1


def test_the_sample_archive_holds_a_web_capture_with_its_drawing():
    run("--publish", str(Path(__file__).resolve().parent.parent / "articles" / "data" / "sample"))
    article = Article.objects.get(original_url__endswith="/lachin-district-returns/")
    assert article.capture.media_type == "text/html"
    assert article.photos.get().image
    assert "composed for the archive's sample" in article.body
    # It links to the seed's article, imported in the same run, rather than to a copy.
    assert list(article.related.values_list("capture__file_name", flat=True)) == [
        "000_4e6cf89af3c18a31.txt"
    ]


WEB_HOLDOUT = Path(__file__).resolve().parent / "fixtures" / "web_holdout"


def test_a_warc_of_pages_in_other_families_imports_each_article_right(tmp_path):
    """Drupal, Ghost, Next.js, microdata, Blogger and a newspaper @graph page, written
    by someone who had not seen the importer (first run: 6 of 6 headlines, sources and
    addresses, 4 of 6 dates, 3 of 6 bylines, quote speakers F1 0.94)."""
    warc = tmp_path / "families.warc.gz"
    pages = sorted(WEB_HOLDOUT.glob("*.html"))
    with open(warc, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for page in pages:
            gold = json.loads(page.with_suffix(".gold.json").read_text())
            response(writer, gold["original_url"], page.read_bytes())
    out, _ = run(str(warc))
    assert f"{len(pages)} imported" in out
    for page in pages:
        gold = json.loads(page.with_suffix(".gold.json").read_text())
        article = Article.objects.get(original_url=gold["original_url"])
        assert article.headline == gold["headline"]
        assert article.published_at.strftime("%Y-%m-%dT%H:%M") == gold["published"]
        assert article.source.domain == gold["source"]
        assert article.captured_at == article.capture.captured_at is not None
        said = {(q.text, q.speaker.name if q.speaker else None) for q in article.quotes.all()}
        assert said == {(q["text"], q["speaker"]) for q in gold["quotes"]}
        [photo] = article.photos.all()
        assert photo.credit == gold["photos"][0]["credit"]


def test_pages_claiming_one_address_for_themselves_stay_apart(tmp_path):
    # Many sites give every page the home page as og:url or canonical address.
    for number, headline in enumerate(["Synthetic alpha story", "Synthetic beta story"]):
        page = tmp_path / f"page{number}.html"
        page.write_text(
            (WEB / "arc.html")
            .read_text()
            .replace("Bridge repairs reach Lachin", headline)
            .replace(ARC_URL, "https://caucasuswire.example/")
        )
        run(str(page))
    assert Article.objects.filter(headline__startswith="Synthetic ").count() == 2


def test_files_that_are_not_web_archives_cost_the_image_pass_no_query(
    tmp_path, django_assert_num_queries
):
    page = tmp_path / "page.html"
    page.write_bytes((WEB / "arc.html").read_bytes())
    with open(page, "rb") as stream, django_assert_num_queries(0):
        assert list(attach_from_archive(stream, 10_000_000, range(5000))) == []
