"""Writes synthetic capture files in the archive's raw format, for benchmarks.

Everything written is visibly synthetic: the outlet is synthetic.example, every
headline starts with "Synthetic", speakers are "<Greek letter> Synthetic". Place
names come from the project's gazetteer so district resolution is exercised.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import random
from pathlib import Path

GAZETTEER = Path(__file__).resolve().parent.parent / "articles" / "data" / "gazetteer.csv"
MONTHS = "january february march april may june july august september october november december"
NBSP = "\u00a0"
GREEK = [
    "Alpha",
    "Beta",
    "Gamma",
    "Delta",
    "Epsilon",
    "Zeta",
    "Eta",
    "Theta",
    "Iota",
    "Kappa",
    "Lambda",
    "Omicron",
    "Sigma",
]


def place_names() -> list[str]:
    with open(GAZETTEER, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    names = []
    for row in rows:
        names.append(row["name"])
        names.extend(a for a in row["aliases"].split(";") if a)
    return names


def capture(number: int, rng: random.Random, names: list[str]) -> str:
    when = datetime.datetime(2018, 1, 1, 6, 0) + datetime.timedelta(
        hours=rng.randrange(0, 6 * 365 * 24)
    )
    month = MONTHS.split()[when.month - 1]
    stamp = f"{when:%H:%M}{NBSP} {when.day} {month}{NBSP} {when.year}"
    place, other = rng.choice(names), rng.choice(names)
    later = when + datetime.timedelta(days=rng.randrange(1, 20))
    later_text = f"{MONTHS.split()[later.month - 1].capitalize()} {later.day}"
    speaker = f"{rng.choice(GREEK)} Synthetic"
    lines = [
        f"World Synthetic report {number} on {place} for benchmarking",
        "",
        stamp,
        f"{stamp} Source:   synthetic.example",
        "",
        f"Synthetic related story {number} about {other}",
        "",
        f"  Synthetic related story {number} about {other} A synthetic teaser for benchmarking.",
        "",
        f"Synthetic paragraph one of report {number} mentions {place} and {other}.",
        "",
        f'{speaker} said that "the synthetic benchmark text number {number} is not news" '
        f"before {later_text}.",
        "",
        f"Légende synthétique numéro {number} près de {place}. © Synthetic Photographer, "
        f"SYNTHETICWIRE Synthetic caption number {number} near {place}.",
        "",
        f"Synthetic closing paragraph {number}: generated text, never real coverage.",
        "",
        "With Synthetic Agency",
        "",
        f"usr: {rng.randrange(1, 99)}",
        f"Synthetic comment {number}.",
        "",
    ]
    return "\n".join(lines)


def write_captures(folder: Path, count: int, seed: int = 2020) -> list[Path]:
    rng = random.Random(seed)
    names = place_names()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(1, count + 1):
        path = folder / f"synthetic_{number:06d}.txt"
        path.write_text(capture(number, rng, names), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=100)
    args = parser.parse_args()
    print(f"wrote {len(write_captures(args.folder, args.count))} files to {args.folder}")
