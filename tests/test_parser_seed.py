"""The reference capture and a synthetic one extract to their expected JSON, key by key."""

import json
from pathlib import Path

import pytest

from articles.importer.parser import extract
from articles.places import Gazetteer

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = FIXTURES / "seed" / "000_4e6cf89af3c18a31.txt"
SEED_GOLD = FIXTURES / "seed" / "000_4e6cf89af3c18a31.gold.json"
SYNTHETIC = FIXTURES / "synthetic_capture.txt"
SYNTHETIC_EXPECTED = FIXTURES / "synthetic_capture.json"

KEYS = [
    "section",
    "headline",
    "published",
    "source",
    "related_headlines",
    "districts",
    "places_mentioned",
    "dates_mentioned",
    "quotes",
    "photos",
    "comments",
    "byline",
    "language",
]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_csv()


def _extracted(path: Path, gazetteer: Gazetteer) -> dict:
    extraction = extract(path.read_text(encoding="utf-8"), gazetteer)
    # Through JSON, as the importer's --format json prints it.
    return json.loads(json.dumps(extraction.as_dict()))


@pytest.mark.parametrize("key", KEYS)
def test_the_seed_capture_extracts_to_the_gold_value_of(key, gazetteer):
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    assert _extracted(SEED, gazetteer)[key] == gold[key]


@pytest.mark.parametrize("key", KEYS)
def test_the_synthetic_capture_extracts_to_the_expected_value_of(key, gazetteer):
    expected = json.loads(SYNTHETIC_EXPECTED.read_text(encoding="utf-8"))
    assert _extracted(SYNTHETIC, gazetteer)[key] == expected[key]


@pytest.mark.parametrize(
    ("capture", "expected"), [(SEED, SEED_GOLD), (SYNTHETIC, SYNTHETIC_EXPECTED)]
)
def test_as_dict_has_exactly_the_expected_keys(capture, expected, gazetteer):
    assert set(_extracted(capture, gazetteer)) == set(json.loads(expected.read_text("utf-8")))


def test_the_seed_body_keeps_paragraphs_and_subheadings_but_not_the_other_blocks(gazetteer):
    found = extract(SEED.read_text(encoding="utf-8"), gazetteer)
    assert "Burned houses" in found.paragraphs
    joined = "\n".join(found.paragraphs)
    assert "©" not in joined
    assert "With AFP" not in found.paragraphs
    assert "usr:" not in joined
    assert all(story.headline not in found.paragraphs for story in found.related)
    assert found.body == "\n\n".join(found.paragraphs)


def test_the_seed_teasers_are_the_text_after_the_repeated_headline(gazetteer):
    found = extract(SEED.read_text(encoding="utf-8"), gazetteer)
    first = found.related[0]
    assert first.teaser.startswith("Armenia on Sunday was due to begin")
    assert not first.teaser.startswith(first.headline)
