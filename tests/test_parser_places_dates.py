"""Place names, districts and calendar dates found in small invented texts."""

import datetime

import pytest

from articles.importer.dates import closest_year, dates_mentioned
from articles.importer.places_found import find_places, gazetteer_places_in, world_places
from articles.places import Gazetteer, fold

D = datetime.date


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_csv()


def places(gazetteer: Gazetteer, *texts: str):
    return find_places(list(texts), gazetteer)


@pytest.mark.parametrize("spelling", ["Kalbajar", "Kəlbəcər", "Karvachar", "KELBAJAR", "Kelbajar"])
def test_every_alias_spelling_leads_to_its_district(gazetteer, spelling):
    found = places(gazetteer, f"The crew drove to {spelling} at noon.")
    assert found.mentioned == [spelling]
    assert found.districts == ["Kalbajar"]


def test_stepanakert_is_written_as_is_and_filed_under_khankendi(gazetteer):
    found = places(gazetteer, "A bus left Stepanakert for Example Town.")
    assert found.mentioned == ["Stepanakert"]
    assert found.districts == ["Khankendi"]


def test_settlements_and_landmarks_lead_to_the_district_they_lie_in(gazetteer):
    found = places(gazetteer, "Visitors saw Dadivank, then drove on to Martakert.")
    assert found.mentioned == ["Dadivank", "Martakert"]
    assert found.districts == ["Kalbajar", "Tartar"]


def test_a_region_is_a_place_but_not_a_district(gazetteer):
    found = places(gazetteer, "Snow fell across Nagorno-Karabakh and Artsakh.")
    assert found.mentioned == ["Nagorno-Karabakh", "Artsakh"]
    assert found.districts == []


def test_spaced_hyphens_match_and_each_written_form_is_kept_once(gazetteer):
    found = places(
        gazetteer,
        "Roads of Nagorno - Karabakh, Haut -Karabakh and Nagorno-Karabakh.",
        "More about Nagorno - Karabakh.",
    )
    assert found.mentioned == ["Nagorno - Karabakh", "Haut -Karabakh", "Nagorno-Karabakh"]


def test_districts_follow_the_first_appearance_of_any_name_leading_to_them(gazetteer):
    found = places(gazetteer, "From Charektar to Lachin, then to Kalbajar and Shushi.")
    assert found.districts == ["Kalbajar", "Lachin", "Shusha"]


def test_places_outside_the_gazetteer_come_from_the_reference_list(gazetteer):
    found = places(gazetteer, "Flights from Yerevan and Baku to Moscow, Tbilisi and Tehran.")
    assert found.mentioned == ["Yerevan", "Baku", "Moscow", "Tbilisi", "Tehran"]


def test_karabakh_alone_is_a_place_and_the_longest_name_wins(gazetteer):
    found = places(gazetteer, "Karabakh roads; the Nagorno-Karabakh Republic; Karabakh again.")
    assert found.mentioned == ["Karabakh", "Nagorno-Karabakh"]


def test_hyphenated_compounds_and_possessives_yield_their_place_names(gazetteer):
    found = places(gazetteer, "The Sotk-Kelbajar road and Artsakh's hills.")
    assert found.mentioned == ["Sotk", "Kelbajar", "Artsakh"]


def test_demonyms_and_lower_case_words_are_not_places(gazetteer):
    found = places(gazetteer, "Armenian and Azerbaijani crews, Turkish trucks, a georgia peach.")
    assert found.mentioned == []


def test_a_town_name_used_as_a_first_name_is_not_a_place(gazetteer):
    assert places(gazetteer, "Ararat Exampleyan spoke in Goris.").mentioned == ["Goris"]


def test_multi_word_reference_places_match_as_one_name(gazetteer):
    found = places(gazetteer, "Talks in New York and the South Caucasus.")
    assert found.mentioned == ["New York", "South Caucasus"]


def test_gazetteer_places_in_gives_the_entries_once_in_order(gazetteer):
    found = gazetteer_places_in("Lachin, Berdzor, Hadrut and Lachin.", gazetteer)
    assert [p.name for p in found] == ["Lachin", "Hadrut"]


def test_the_reference_list_holds_countries_capitals_and_regional_towns():
    names = world_places()
    for name in ("Armenia", "Azerbaijan", "Georgia", "Paris", "Yerevan", "Ganja", "Kars", "Sotk"):
        assert fold(name) in names
    for demonym in ("Armenian", "Azerbaijani", "Turkish", "Armenians"):
        assert fold(demonym) not in names


PUBLISHED = D(2020, 11, 25)


def test_day_then_month_and_month_then_day_are_both_dates():
    assert dates_mentioned(["On 20 November and on November 9."], PUBLISHED) == [
        D(2020, 11, 9),
        D(2020, 11, 20),
    ]


def test_a_day_range_gives_both_days():
    text = ["On the night of Tuesday 24 to Wednesday 25 November the crew left."]
    assert dates_mentioned(text, PUBLISHED) == [D(2020, 11, 24), D(2020, 11, 25)]


@pytest.mark.parametrize(
    "text", ["from 9-10 November", "on November 9-10", "du 9 au 10 novembre", "9 and 10 November"]
)
def test_ranges_in_any_layout_give_both_days(text):
    assert dates_mentioned([text], PUBLISHED) == [D(2020, 11, 9), D(2020, 11, 10)]


def test_dates_across_a_month_end_keep_the_publication_year():
    assert dates_mentioned(["Due on December 1 and 30 November."], PUBLISHED) == [
        D(2020, 11, 30),
        D(2020, 12, 1),
    ]


def test_a_date_across_the_year_end_gets_the_year_closest_to_publication():
    published = D(2021, 1, 4)
    text = ["Work began on December 28 and ends on 8 January."]
    assert dates_mentioned(text, published) == [D(2020, 12, 28), D(2021, 1, 8)]
    assert closest_year(1, 2, D(2020, 12, 30)) == D(2021, 1, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("le 1er décembre", D(2020, 12, 1)),
        ("le 25 novembre", D(2020, 11, 25)),
        ("LE 3 FÉVRIER", D(2021, 2, 3)),
        ("le 14 juillet", D(2020, 7, 14)),
    ],
)
def test_french_month_names_are_dates(text, expected):
    assert dates_mentioned([text], PUBLISHED) == [expected]


def test_an_explicit_year_is_kept():
    assert dates_mentioned(["Signed on 10 November 2019 and November 9, 2018."], PUBLISHED) == [
        D(2018, 11, 9),
        D(2019, 11, 10),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "in early November",
        "in November 2020",
        "for 25 years",
        "they may 5 times",
        "a march 3 miles long",
        "on the 12th century wall",
        "on 31 November",
        "13,000 people",
    ],
)
def test_things_that_are_not_calendar_dates(text):
    assert dates_mentioned([text], PUBLISHED) == []


def test_dates_are_sorted_and_unique():
    texts = ["on 25 November", "November 25", "on 9 November"]
    assert dates_mentioned(texts, PUBLISHED) == [D(2020, 11, 9), D(2020, 11, 25)]


def test_a_river_and_a_french_exonym_are_places_but_a_station_named_after_one_is_not(gazetteer):
    found = places(
        gazetteer,
        "Radio Kura reported that the Kura rose; a carpet from Choucha went on show in Tbilissi.",
    )
    assert found.mentioned == ["Kura", "Choucha", "Tbilissi"]


@pytest.mark.parametrize(
    "text",
    [
        "The estate will show its first wines at the fair from 12 to 15 October.",
        "Le domaine présentera ses premiers échantillons au salon, du 12 au 15 octobre.",
    ],
)
def test_a_date_set_for_what_is_still_to_come_is_this_years(text):
    assert dates_mentioned([text], D(2023, 6, 22)) == [D(2023, 10, 12), D(2023, 10, 15)]


def test_a_date_months_ahead_in_a_sentence_about_the_past_is_last_years():
    assert dates_mentioned(["The fair ran from 12 to 15 October."], D(2023, 6, 22)) == [
        D(2022, 10, 12),
        D(2022, 10, 15),
    ]


def test_a_month_then_a_list_of_days_gives_every_day_but_a_count_is_no_day():
    published = D(2023, 4, 18)
    assert dates_mentioned(["Extra buses run on May 1, 9 and 28."], published) == [
        D(2023, 5, 1),
        D(2023, 5, 9),
        D(2023, 5, 28),
    ]
    assert dates_mentioned(["On June 5, 20 people came."], published) == [D(2023, 6, 5)]


def test_russian_names_of_the_districts_are_places(gazetteer):
    assert places(gazetteer, "Автобус Физули — Гадрут.").mentioned == ["Физули", "Гадрут"]
