"""The capture format's rules, one extractor at a time, on small invented captures."""

import datetime
import random
from pathlib import Path

import pytest

from articles.importer.model import CommentFound, PhotoFound, RelatedStory
from articles.importer.parser import ParseError, extract
from articles.importer.photos import split_photo_block
from articles.places import Gazetteer

NB = "\xa0"
SEED = Path(__file__).resolve().parent / "fixtures" / "seed" / "000_4e6cf89af3c18a31.txt"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_csv()


def capture(body: str, stamp: str = "10:00  3 january  2021", first: str = "World Example") -> str:
    """A capture around ``body``; the timestamp's gaps get non-breaking spaces as captured."""
    printed = stamp.replace("  ", f"{NB} ")
    return f"{first}\n\n{printed}\n{printed} Source:{NB}{NB} example.org\n\n{body}"


# The header


def test_the_first_line_gives_the_section_and_the_headline(gazetteer):
    found = extract(capture("Text.", first="Europe A road opens near Lachin"), gazetteer)
    assert (found.section, found.headline) == ("Europe", "A road opens near Lachin")


def test_the_timestamp_with_non_breaking_spaces_gives_a_naive_datetime(gazetteer):
    found = extract(capture("Text.", stamp="05:05  25 november  2020"), gazetteer)
    assert found.published == datetime.datetime(2020, 11, 25, 5, 5)
    assert found.published.tzinfo is None
    assert found.as_dict()["published"] == "2020-11-25T05:05"


@pytest.mark.parametrize("month", ["décembre", "DECEMBER", "December", "decembre"])
def test_timestamp_months_may_be_english_or_french_in_any_case(gazetteer, month):
    found = extract(capture("Text.", stamp=f"23:59  31 {month}  2020"), gazetteer)
    assert found.published == datetime.datetime(2020, 12, 31, 23, 59)


def test_the_source_is_the_domain_after_source(gazetteer):
    assert extract(capture("Text."), gazetteer).source == "example.org"


def test_without_a_source_the_source_is_null(gazetteer):
    text = f"World Example\n\n10:00{NB} 3 january{NB} 2021\n\nText."
    assert extract(text, gazetteer).source is None


# Errors


@pytest.mark.parametrize("text", ["", "   \n\t\n", "\ufeff"])
def test_empty_text_is_a_parse_error(gazetteer, text):
    with pytest.raises(ParseError, match="empty"):
        extract(text, gazetteer)


@pytest.mark.parametrize("first", ["World", "2020 Headline", "05:05  25 november  2020"])
def test_a_first_line_that_is_not_section_headline_is_a_parse_error_on_line_1(gazetteer, first):
    with pytest.raises(ParseError, match="first line") as error:
        extract(f"{first}\n\n05:05  25 november  2020\n\nText.", gazetteer)
    assert error.value.line == 1


def test_no_timestamp_is_a_parse_error_that_shows_the_expected_line(gazetteer):
    with pytest.raises(ParseError) as error:
        extract("World Example headline\n\nJust a paragraph.", gazetteer)
    assert str(error.value) == (
        "no publication timestamp (expected a line like '05:05  25 november  2020')"
    )
    assert error.value.line is None


@pytest.mark.parametrize(
    "stamp", ["05:05  31 february  2020", "25:00  1 march  2020", "10:61  1 march  2020"]
)
def test_an_impossible_date_is_a_parse_error_with_its_line(gazetteer, stamp):
    with pytest.raises(ParseError, match="impossible") as error:
        extract(capture("Text.", stamp=stamp), gazetteer)
    assert error.value.line == 3


def test_an_unknown_month_is_a_parse_error(gazetteer):
    with pytest.raises(ParseError, match="unknown month"):
        extract(capture("Text.", stamp="10:00  3 brumaire  2021"), gazetteer)


def _outcome(text: str, gazetteer: Gazetteer) -> str:
    """ "ok" or "parse error"; any other exception escapes and fails the test."""
    try:
        extract(text, gazetteer)
    except ParseError:
        return "parse error"
    return "ok"


def _garbled(rnd: random.Random, seed: str, pieces: list[str]) -> str:
    if rnd.random() < 0.5:
        return "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 200)))
    chars = list(seed)
    for _ in range(rnd.randint(1, 30)):
        chars.insert(rnd.randrange(len(chars) + 1), rnd.choice(pieces))
        del chars[rnd.randrange(len(chars))]
    return "".join(chars)


def test_garbled_input_raises_only_parse_errors(gazetteer):
    rnd = random.Random(20201125)
    seed = SEED.read_text(encoding="utf-8")
    pieces = list("\"“”‘’'©: \n\xa0.,-–()0123456789aZéə\r\t") + [
        "usr: 1\n",
        "With AFP\n",
        " November ",
        f"05:05{NB} 25 november{NB} 2020",
        "Source: x",
        " said ",
    ]
    outcomes = [_outcome(_garbled(rnd, seed, pieces), gazetteer) for _ in range(300)]
    # Both kinds of result occur, so the loop really exercised both paths.
    assert set(outcomes) == {"ok", "parse error"}


# Related stories


def test_a_related_story_with_the_headline_repeated_on_an_indented_line(gazetteer):
    body = (
        "Example related headline\n\n"
        "  Example related headline The teaser text follows the headline.\n\n"
        "A paragraph."
    )
    found = extract(capture(body), gazetteer)
    assert found.related == [
        RelatedStory("Example related headline", "The teaser text follows the headline.")
    ]
    assert found.paragraphs == ["A paragraph."]


def test_a_related_story_with_the_teaser_on_the_next_line_drops_the_trailing_dot(gazetteer):
    body = "Example related headline .\nThe teaser is on the next line.\n\nA paragraph."
    found = extract(capture(body), gazetteer)
    assert found.related == [
        RelatedStory("Example related headline", "The teaser is on the next line.")
    ]
    assert found.as_dict()["related_headlines"] == ["Example related headline"]


def test_a_sub_heading_without_teaser_is_a_paragraph_not_a_related_story(gazetteer):
    found = extract(capture("A sub-heading\n\nA paragraph that follows it."), gazetteer)
    assert found.related == []
    assert found.paragraphs == ["A sub-heading", "A paragraph that follows it."]


# Byline


def test_a_with_line_is_the_byline_and_not_a_paragraph(gazetteer):
    found = extract(capture("A paragraph.\n\nWith Reuters\n\nAnother paragraph."), gazetteer)
    assert found.byline == "With Reuters"
    assert found.paragraphs == ["A paragraph.", "Another paragraph."]


def test_without_a_with_line_the_byline_is_null(gazetteer):
    found = extract(capture("With the road open, the crew went home."), gazetteer)
    assert found.byline is None
    assert found.paragraphs == ["With the road open, the crew went home."]


@pytest.mark.parametrize(
    "signature",
    [
        "By Testa Example",
        "By Testa Example and Rura Sample",
        "By Testa Example, with reporting by Rura Sample",
        "Reported by Testa Example for Radio Testville",
        "Par notre correspondante, Testa Exemple",
        "Texte : Testa Exemple. Photos : Rura Sample et Nora Test",
        "Words: Testa Example; pictures: Rura Sample",
        "This report was prepared by Testa Example from our morning programme “Test Hour”",
        "Press Service of the Test District Executive Authority",
        "Reporting by Testa Example; editing by Rura Sample",
        "Words by Testa Example. Photographs by Rura Sample",
        "Par Inès Testeau et Rura Sample (AHP)",
        "Compiled by Testa Example from staff reports",
        "Story and photos: Testa Example",
        "Interview by Testa Example",
    ],
)
def test_a_line_that_signs_the_article_is_the_byline(gazetteer, signature):
    found = extract(capture(f"A paragraph.\n\n{signature}\n\nAnother paragraph."), gazetteer)
    assert found.byline == signature
    assert found.paragraphs == ["A paragraph.", "Another paragraph."]


@pytest.mark.parametrize(
    "sentence",
    [
        "By Tuesday the road was open.",
        "By 2025, the school will have a bus.",
        "Photos: the exhibition opens on Monday with forty prints.",
        "The report was written by hand, the clerk said.",
    ],
)
def test_a_sentence_opening_with_by_is_no_byline(gazetteer, sentence):
    assert extract(capture(sentence), gazetteer).byline is None


# Photos


def test_a_photo_with_captions_in_two_languages_around_the_credit():
    block = "Un pont près de Lachin. © Test Photographer, EXAMPLEWIRE A bridge near Lachin."
    assert split_photo_block(block) == [
        PhotoFound(
            "Test Photographer, EXAMPLEWIRE",
            {"fr": "Un pont près de Lachin.", "en": "A bridge near Lachin."},
        )
    ]


def test_a_credit_with_the_agency_alone_and_one_caption_before_it():
    [photo] = split_photo_block("A road crew at work in the district. © AP")
    assert photo == PhotoFound("AP", {"en": "A road crew at work in the district."})


def test_a_credit_with_the_agency_alone_and_one_caption_after_it():
    [photo] = split_photo_block("© REUTERS Une équipe répare la route de Shusha.")
    assert photo == PhotoFound("REUTERS", {"fr": "Une équipe répare la route de Shusha."})


def test_a_credit_with_a_photographer_and_a_slash_is_kept_as_written():
    [photo] = split_photo_block("© Sample Shooter / AFP The new school in Example Town.")
    assert photo.credit == "Sample Shooter / AFP"
    assert photo.captions == {"en": "The new school in Example Town."}


def test_each_credit_is_one_photo(gazetteer):
    body = "A bridge. © AFP\n\nA paragraph.\n\n© AP The school of the town."
    found = extract(capture(body), gazetteer)
    assert [p.credit for p in found.photos] == ["AFP", "AP"]
    assert found.paragraphs == ["A paragraph."]


# Comments


def test_comment_blocks_give_each_user_and_their_possibly_multi_line_text(gazetteer):
    body = "A paragraph.\n\nusr: 1\nFirst comment.\n\nusr: 2\nSecond comment,\non two lines."
    found = extract(capture(body), gazetteer)
    assert found.comments == [
        CommentFound("1", "First comment."),
        CommentFound("2", "Second comment,\non two lines."),
    ]
    assert found.paragraphs == ["A paragraph."]


def test_comments_are_not_read_for_places_or_quotes(gazetteer):
    body = 'A paragraph.\n\nusr: 3\nI was in Lachin and said "what a long road that was".'
    found = extract(capture(body), gazetteer)
    assert found.places_mentioned == []
    assert found.quotes == []


# The whole document


def test_quotes_places_and_dates_in_teasers_and_captions_count(gazetteer):
    body = (
        "Example related headline\n"
        "Test Speaker says the works will ‘finish before spring’ in Shusha on 9 January.\n\n"
        "A caption about Hadrut. © AFP"
    )
    found = extract(capture(body), gazetteer)
    assert [q.speaker for q in found.quotes] == ["Test Speaker"]
    assert found.places_mentioned == ["Shusha", "Hadrut"]
    assert found.districts == ["Shusha", "Khojavend"]
    assert found.dates_mentioned == [datetime.date(2021, 1, 9)]


def test_the_timestamp_lines_are_not_dates_mentioned(gazetteer):
    assert extract(capture("No dates here."), gazetteer).dates_mentioned == []


def test_an_ap_photo_credit_keeps_the_photographer():
    [photo] = split_photo_block(
        "A bridge near Shusha. © AP Photo/Example Person Un pont de Shusha."
    )
    assert photo.credit == "AP Photo/Example Person"
    assert photo.captions == {"en": "A bridge near Shusha.", "fr": "Un pont de Shusha."}


def test_a_closing_contributors_line_is_the_byline_without_its_full_stop(gazetteer):
    line = "Testa Example in Qubadli and Rura Sample in Tbilisi contributed to this report."
    found = extract(capture(f"A paragraph.\n\n{line}"), gazetteer)
    assert found.byline == line.removesuffix(".")
    assert found.paragraphs == ["A paragraph."]


def test_a_bulleted_list_is_no_related_story(gazetteer):
    found = extract(
        capture(
            "Key facts about the programme:\n\n- Applications open on 4 October.\n"
            "- Classes begin on 15 November."
        ),
        gazetteer,
    )
    assert found.related == []
