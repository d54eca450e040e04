"""Any spelling of a place resolves to the same gazetteer entry."""

import pytest

from articles.models import District, DistrictAlias
from articles.places import Gazetteer, fold, resolve_place

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "spelling", ["Kalbajar", "Karvachar", "KƏLBƏCƏR", "Kəlbəcər", "kelbecer", "Kelbajar"]
)
def test_every_spelling_of_kalbajar_resolves_to_kalbajar(spelling):
    assert resolve_place(spelling).name == "Kalbajar"


def test_stepanakert_resolves_to_khankendi():
    assert resolve_place("Stepanakert").name == "Khankendi"


@pytest.mark.parametrize("spelling", ["Laçın", "lacin", "LACHIN"])
def test_lachin_spellings_resolve_to_lachin(spelling):
    assert resolve_place(spelling).name == "Lachin"


def test_dadivank_is_a_landmark_filed_under_kalbajar():
    place = resolve_place("Dadivank")
    assert place.name == "Dadivank"
    assert place.kind == District.Kind.LANDMARK
    assert place.filing_district.name == "Kalbajar"


@pytest.mark.parametrize("name", ["Atlantis", "", "   ", "x" * 10_000, "'; DROP TABLE--", "\x00"])
def test_an_unknown_name_gives_nothing_not_an_error(name):
    assert resolve_place(name) is None


def test_spaced_punctuation_folds_like_the_hyphenated_name():
    assert fold("Nagorno - Karabakh") == fold("Nagorno-Karabakh") == "nagornokarabakh"
    assert resolve_place("Haut -Karabakh").name == "Nagorno-Karabakh"


def test_a_new_alias_is_found_at_once(django_capture_on_commit_callbacks):
    kalbajar = District.objects.get(name="Kalbajar")
    assert resolve_place("Kelbajar-Test-Spelling") is None
    with django_capture_on_commit_callbacks(execute=True):
        DistrictAlias.objects.create(district=kalbajar, name="Kelbajar-Test-Spelling")
    assert resolve_place("kelbajar test spelling") == kalbajar


def test_the_shipped_gazetteer_is_loaded_with_parents():
    assert District.objects.get(name="Martakert").parent.name == "Tartar"
    assert District.objects.get(name="Charektar").parent.name == "Kalbajar"
    shipped = Gazetteer.from_csv().places
    assert District.objects.count() == len(shipped)
    assert District.objects.filter(kind=District.Kind.DISTRICT).count() == sum(
        p.kind == "district" for p in shipped
    )
