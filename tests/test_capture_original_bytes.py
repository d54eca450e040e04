"""A web capture in an older encoding keeps the bytes that were captured, and its
SHA-256 is theirs: what ``sha256sum`` gives for the saved file or the WARC payload.

The pages are synthetic, written here in the legacy table layout of
tests/fixtures/web/legacy.html: a windows-1251 page in Russian and an
ISO-8859-1 page in French.
"""

import base64
import hashlib
import io
import sqlite3
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from articles.models import Article, Capture
from tests.test_backup import Installation

pytestmark = pytest.mark.django_db

WEB = Path(__file__).resolve().parent / "fixtures" / "web"
PAGE_URL = "https://valleycourier.example/2021/10/02/hadrut-harvest.html"

CYRILLIC_PAGE = """<html><head><title>Синтетика: фермеры Гадрута собирают урожай</title>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<meta name="date" content="2021-10-02">
</head><body>
<table width="760"><tr><td valign="top"><a href="/">Главная</a><br><a href="/region.html">Регион</a></td>
<td valign="top"><font face="Arial"><h2>Фермеры Гадрута собирают урожай</h2>
<p><i>Долинный вестник, 2 октября 2021</i></p>
<p>Фермеры, переехавшие из Гадрута в сёла близ Гориса, на этой неделе собрали первый полный урожай, сообщил районный совет.</p>
<p>«Земля хорошая, но лето здесь короткое», — сказал фермер Гор Тестян, который весной засеял пшеницей шесть гектаров.</p>
<p>Совет ожидает, что урожай будет примерно на треть больше прошлогоднего, когда первые семьи приехали почти без семян.</p>
</font></td></tr></table></body></html>
"""  # noqa: E501 - the page's lines as a site of its kind writes them

LATIN_PAGE = """<html><head><title>Synthétique : à Hadrut, les agriculteurs comptent la récolte</title>
<meta name="date" content="2021-10-02">
</head><body>
<table width="760"><tr><td valign="top"><a href="/">Accueil</a><br><a href="/region.html">Région</a></td>
<td valign="top"><font face="Arial"><h2>À Hadrut, les agriculteurs comptent la récolte</h2>
<p><i>Le Courrier de la vallée, 2 octobre 2021</i></p>
<p>Les agriculteurs venus de Hadrut dans les villages près de Goris ont rentré cette semaine leur première récolte complète, a indiqué le conseil du district.</p>
<p>« La terre est bonne, mais l'été est court ici », a déclaré l'agriculteur Gor Testyan, qui a semé du blé sur six hectares loués en mars.</p>
<p>Le conseil prévoit un rendement supérieur d'un tiers à celui de l'an passé, quand les premières familles sont arrivées presque sans semences.</p>
</font></td></tr></table></body></html>
"""  # noqa: E501


def sha256sum(data: bytes) -> str:
    """What ``sha256sum`` prints for a file holding ``data``."""
    return hashlib.sha256(data).hexdigest()


def run(*args: object) -> str:
    out = StringIO()
    call_command("import_coverage", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


def verify() -> tuple[str, CommandError | None]:
    """verify_archive's problem lines, and the error it ended with, if any."""
    err = StringIO()
    try:
        call_command("verify_archive", stdout=StringIO(), stderr=err)
    except CommandError as error:
        return err.getvalue(), error
    return err.getvalue(), None


@pytest.fixture
def cyrillic_page(tmp_path) -> Path:
    path = tmp_path / "hadrut-harvest.html"
    path.write_bytes(CYRILLIC_PAGE.encode("windows-1251"))
    return path


def latin_payload() -> bytes:
    return LATIN_PAGE.encode("iso-8859-1")


@pytest.fixture
def latin_warc(tmp_path) -> Path:
    """A WARC whose one page is in ISO-8859-1, as its HTTP header says."""
    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=ISO-8859-1")], protocol="HTTP/1.1"
        )
        body = latin_payload()
        record = writer.create_warc_record(
            PAGE_URL, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
        )
        writer.write_record(record)
    return path


def tamper(capture: Capture, column: str, value) -> None:
    # Straight to the table: the model itself refuses to change a capture.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE articles_capture SET {column} = %s WHERE id = %s", [value, capture.pk]
        )


# Importing -----------------------------------------------------------------------------------


def test_a_windows_1251_page_keeps_its_bytes_and_their_sha256(cyrillic_page):
    run(cyrillic_page)

    capture = Capture.objects.get()
    data = cyrillic_page.read_bytes()
    assert bytes(capture.original) == data
    assert capture.sha256 == sha256sum(data)
    assert capture.charset == "windows-1251"
    assert capture.text == CYRILLIC_PAGE
    assert capture.verify()
    assert capture.articles.get().headline == "Синтетика: фермеры Гадрута собирают урожай"


def test_an_iso_8859_1_warc_record_keeps_its_payload_and_its_sha256(latin_warc):
    run(latin_warc)

    capture = Capture.objects.get(original_url=PAGE_URL)
    payload = latin_payload()
    assert bytes(capture.original) == payload
    assert capture.sha256 == sha256sum(payload)
    assert capture.charset == "iso-8859-1"
    assert capture.text == LATIN_PAGE
    # The very payload the WARC's own digest vouches for.
    sha1 = base64.b32encode(hashlib.sha1(bytes(capture.original)).digest()).decode()
    assert capture.payload_digest == f"sha1:{sha1}"
    assert capture.verify()


def test_a_utf_8_page_keeps_no_separate_copy_and_its_sha256_is_still_the_files():
    page = WEB / "wordpress.html"
    run(page)

    capture = Capture.objects.get()
    assert capture.original is None and capture.charset == ""
    assert capture.sha256 == sha256sum(page.read_bytes())


def test_a_page_declared_in_an_older_encoding_but_plain_ascii_keeps_no_copy():
    # legacy.html says windows-1252 but holds ASCII only: its bytes are its text's UTF-8.
    run(WEB / "legacy.html")

    assert Capture.objects.get().original is None


@pytest.mark.parametrize("fixture", ["cyrillic_page", "latin_warc"])
def test_importing_the_same_legacy_file_again_creates_nothing(fixture, request):
    path = request.getfixturevalue(fixture)
    run(path)

    again = run(path)

    assert "0 imported, 1 already imported" in again
    assert (Capture.objects.count(), Article.objects.count()) == (1, 1)


# Fixity --------------------------------------------------------------------------------------


def test_verify_archive_finds_tampered_original_bytes(cyrillic_page):
    run(cyrillic_page)
    capture = Capture.objects.get()
    tamper(capture, "original", cyrillic_page.read_bytes().replace(b"2021", b"2020"))

    lines, error = verify()

    assert error is not None
    assert f"Capture #{capture.pk} (hadrut-harvest.html): original bytes do not match" in lines
    assert not Capture.objects.get().verify()


def test_verify_archive_finds_text_that_is_no_longer_its_original_bytes(cyrillic_page):
    run(cyrillic_page)
    capture = Capture.objects.get()
    tamper(capture, "text", CYRILLIC_PAGE.replace("шесть", "шестьдесят"))

    lines, error = verify()

    assert error is not None
    assert "text is not its original bytes read as windows-1251" in lines


def test_verify_archive_passes_an_untouched_legacy_capture(cyrillic_page, latin_warc):
    run(cyrillic_page, latin_warc)

    lines, error = verify()

    assert (lines, error) == ("", None)


# The admin -----------------------------------------------------------------------------------


def original_url(capture: Capture) -> str:
    return reverse("admin:articles_capture_original", args=[capture.pk])


def test_an_editor_downloads_the_original_bytes_with_their_media_type_and_charset(
    editor_client, cyrillic_page
):
    run(cyrillic_page)
    capture = Capture.objects.get()

    response = editor_client.get(original_url(capture))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=windows-1251"
    assert response.content == cyrillic_page.read_bytes()
    assert response["Content-Disposition"] == 'attachment; filename="hadrut-harvest.html"'
    assert response["Content-Security-Policy"] == "sandbox"


def test_the_capture_page_offers_the_download(editor_client, cyrillic_page):
    run(cyrillic_page)
    capture = Capture.objects.get()

    page = editor_client.get(reverse("admin:articles_capture_change", args=[capture.pk]))

    assert page.status_code == 200
    assert f'href="{original_url(capture)}"' in page.content.decode()
    assert "844\xa0bytes, text/html; charset=windows-1251" in page.content.decode()


def test_a_utf_8_capture_has_no_download(editor_client):
    run(WEB / "wordpress.html")
    capture = Capture.objects.get()

    page = editor_client.get(reverse("admin:articles_capture_change", args=[capture.pk]))

    assert original_url(capture) not in page.content.decode()
    assert "Not kept" in page.content.decode()
    assert editor_client.get(original_url(capture)).status_code == 404


def test_a_download_address_naming_no_capture_is_not_found(editor_client):
    url = reverse("admin:articles_capture_original", args=["not-a-number"])
    assert editor_client.get(url).status_code == 404


def test_readers_cannot_download_original_bytes(client, cyrillic_page):
    run(cyrillic_page)

    response = client.get(original_url(Capture.objects.get()))

    assert response.status_code == 302 and "/login/" in response["Location"]


def test_uploading_the_same_legacy_page_again_in_the_admin_says_it_is_already_imported(
    editor_client, cyrillic_page
):
    url = reverse("admin:articles_article_import")

    def upload():
        page = SimpleUploadedFile(cyrillic_page.name, cyrillic_page.read_bytes())
        return editor_client.post(url, {"files": [page]})

    upload()
    again = upload().content.decode()

    assert "Already imported" in again
    headline = Article.objects.get().headline
    assert headline in again
    assert Capture.objects.count() == 1


# Backups -------------------------------------------------------------------------------------


def originals(installation: Installation) -> list[tuple]:
    with sqlite3.connect(installation.database) as db:
        return db.execute("SELECT original, charset, sha256 FROM articles_capture").fetchall()


def test_a_backup_restored_elsewhere_keeps_the_original_bytes(cyrillic_page, tmp_path):
    source = Installation(tmp_path, "a")
    source.must("migrate", "--noinput", "-v", "0")
    source.must("import_coverage", cyrillic_page)
    source.must("backup_archive", tmp_path / "backup")
    target = Installation(tmp_path, "b")
    target.must("migrate", "--noinput", "-v", "0")

    target.must("restore_archive", tmp_path / "backup")

    data = cyrillic_page.read_bytes()
    assert originals(target) == originals(source) == [(data, "windows-1251", sha256sum(data))]
    assert "0 problems" in target.must("verify_archive").stdout
