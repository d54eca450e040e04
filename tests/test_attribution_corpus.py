"""The importer against hand-written gold, per field, over whole sets of captures.

Each set in ``tests/fixtures/attribution`` was written by someone who had not
seen the rules, and was scored once before any rule was fitted to it; each was
worked on afterwards, so the floors below now hold for all of them. Quote
speaker F1 on the first run of each: ``dev`` (what the rules were first worked
out on), ``second`` 0.68, ``holdout`` 0.89, ``fourth`` 0.77, ``fifth`` 0.74
before and 0.87 after the rules learned from ``fourth`` (credits 0.80,
captions 0.88), ``sixth`` 0.85 (credits 0.87, captions 0.80, bylines 0.15),
``seventh`` 0.90 after the sixth's rules (credits 0.70, captions 0.78, bylines
0.71, places 0.90; quotes 1.00), ``eighth`` 0.73 after the seventh's (credits
0.71, captions 0.81, places 0.93, bylines 0.90).
Only a new set, scored before any rule is fitted to it, says how the rules
hold on unseen coverage: the latest waits in ``tests/fixtures/attribution_next``
with its first-run scores.
Run with ``-s`` to see the table for each set.

Where a writer's gold and the issue disagree, the issue's convention holds: a
quotation in a headline or sub-heading is not a quote (``fourth`` lists four
such; they are reported as misses of the quote field, within its floor).
"""

from pathlib import Path

import pytest

from articles.places import Gazetteer

from .scoring import score_folder, table

CORPUS = Path(__file__).resolve().parent / "fixtures" / "attribution"
SEED = Path(__file__).resolve().parent / "fixtures" / "seed"

# What issue 18 asks of coverage the rules have never seen.
SPEAKER_F1 = 0.90
PHOTO_F1 = 0.97
OTHER_F1 = 0.97
# Which F1 each field must reach; a description is the role the document gives
# a speaker, which is reported but is not a field the issue names a floor for.
FLOORS = {"quote speaker": SPEAKER_F1, "photo credit": PHOTO_F1, "photo caption": PHOTO_F1}
REPORTED_ONLY = {"quote speaker description"}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_csv()


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.iterdir() if p.is_dir()))
def test_every_field_reaches_its_floor_on_the_set(name, gazetteer):
    folder = CORPUS / name
    assert len(list(folder.glob("*.txt"))) >= 10, f"the {name} set has its captures"
    scores = score_folder(folder, gazetteer)
    report = f"{name} set\n{table(scores)}"
    print(f"\n{report}")
    below = {
        field: round(s.f1, 3)
        for field, s in scores.items()
        if field not in REPORTED_ONLY and s.f1 < FLOORS.get(field, OTHER_F1)
    }
    misses = "\n".join(m for field in below for m in scores[field].misses)
    assert not below, f"{report}\n\nbelow the floor: {below}\n{misses}"


def test_the_seed_stays_exact(gazetteer):
    scores = score_folder(SEED, gazetteer)
    assert all(s.fp == s.fn == 0 for s in scores.values()), table(scores)
