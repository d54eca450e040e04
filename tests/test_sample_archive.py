"""The sample archive `make run` loads is worth opening: it imports cleanly, spans
several days and places, shows drawn pictures, and every capture composed for it
says so and quotes no one."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from articles.importer.files import CAPTURE_SUFFIXES
from articles.models import Article, District, Photo
from tests.conftest import SAMPLE_DIR

pytestmark = pytest.mark.django_db

COMPOSED_SOURCE = "sample.newsroom-archive.example"
DRAWING_CREDIT = "Drawing: newsroom archive sample"
# What each composed capture says of itself, in its own language ("composed for the
# newsroom archive's sample", "Composed for the sample archive").
SAYS_COMPOSED = {
    "en": re.compile(r"composed for the [\w' ]*sample", re.IGNORECASE),
    "fr": re.compile(r"composé pour l'échantillon", re.IGNORECASE),
}


@pytest.fixture
def sample(settings, tmp_path, django_capture_on_commit_callbacks) -> str:
    """The sample folder imported and published as `make run` does; the command's output."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    out = StringIO()
    # A saved page's inlined image is written once its rows are committed.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_coverage", "--publish", str(SAMPLE_DIR), stdout=out, stderr=StringIO())
    return out.getvalue()


def composed() -> list[Article]:
    """The captures composed for the sample (the seed and its related stories aside)."""
    return list(
        Article.objects.published()
        .filter(source__domain=COMPOSED_SOURCE, capture__isnull=False)
        .prefetch_related("quotes", "comments")
    )


def test_every_file_of_the_sample_imports_without_a_failure(sample):
    read = re.search(r"Read (\d+) files: (\d+) imported, .* (\d+) failed", sample)
    assert read is not None, sample
    # A web archive holds several pages: the files hold at least one capture each.
    captures, imported, failed = map(int, read.groups())
    files = [path for path in SAMPLE_DIR.iterdir() if path.name.endswith(CAPTURE_SUFFIXES)]
    assert captures == imported >= len(files) >= 13
    assert failed == 0
    assert len(composed()) >= 12


def test_the_sample_spans_several_days_and_places(sample, client):
    public = Article.objects.published().filter(capture__isnull=False)
    days = {article.published_at.date() for article in public}
    assert len(days) >= 5
    assert {day.year for day in days} >= {2020, 2021}
    districts = District.objects.filter(kind=District.Kind.DISTRICT, articles__in=public)
    assert districts.distinct().count() >= 5
    # Each of the three handovers is on its place's page.
    for slug, headline in [
        ("aghdam", "Aghdam district returns to Azerbaijan, the first of three handovers"),
        ("kalbajar", "Handover of Kalbajar district postponed to 25 November"),
        ("lachin", "A year after the handover of Lachin district"),
    ]:
        assert headline in client.get(f"/districts/{slug}/").content.decode()


def test_the_gallery_shows_at_least_three_drawn_pictures_with_two_captions(sample, client):
    drawings = Photo.objects.public().filter(credit=DRAWING_CREDIT).exclude(image="")
    assert drawings.count() >= 3
    page = client.get("/photos/").content.decode()
    for photo in drawings:
        assert photo.image.url in page
        assert {caption.language for caption in photo.captions.all()} == {"en", "fr"}


def test_each_composed_capture_says_so_and_quotes_no_one(sample):
    articles = composed()
    assert {article.language for article in articles} == {"en", "fr"}
    for article in articles:
        assert SAYS_COMPOSED[article.language].search(article.body), article.headline
        assert not article.quotes.all(), article.headline
        assert not article.comments.all(), article.headline
