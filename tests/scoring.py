"""Precision, recall and F1 of extractions against hand-written gold JSON, per field.

Every field is scored as a multiset of items, so a list field counts each
entry and a scalar field counts one (or none, when it is null). A quote's
speaker is scored as the pair (quote text, speaker): a quote given the wrong
speaker costs a false positive *and* a false negative, so a wrong name weighs
more than a missing one, as it should in an archive.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from articles.importer.parser import extract
from articles.places import Gazetteer


def _norm(text) -> str:
    return " ".join(str(text).split()) if text is not None else ""


def _scalar(value) -> list:
    return [] if value in (None, "") else [_norm(value)]


def _pairs(quotes: list[dict], key: str) -> list:
    return [(_norm(q["text"]), _norm(q[key])) for q in quotes if q.get(key)]


# What each scored field is made of, from a document's JSON.
FIELDS = {
    "section": lambda d: _scalar(d["section"]),
    "headline": lambda d: _scalar(d["headline"]),
    "published": lambda d: _scalar(d["published"]),
    "source": lambda d: _scalar(d["source"]),
    "language": lambda d: _scalar(d.get("language")),
    "byline": lambda d: _scalar(d["byline"]),
    "related headline": lambda d: [_norm(h) for h in d["related_headlines"]],
    "district": lambda d: list(d["districts"]),
    "place mentioned": lambda d: [_norm(p) for p in d["places_mentioned"]],
    "date mentioned": lambda d: list(d["dates_mentioned"]),
    "quote": lambda d: [_norm(q["text"]) for q in d["quotes"]],
    "quote speaker": lambda d: _pairs(d["quotes"], "speaker"),
    "quote speaker description": lambda d: _pairs(d["quotes"], "speaker_description"),
    "photo credit": lambda d: [_norm(p["credit"]) for p in d["photos"]],
    "photo caption": lambda d: [
        (lang, _norm(text)) for p in d["photos"] for lang, text in p["captions"].items()
    ],
    "comment": lambda d: [(_norm(c["user"]), _norm(c["text"])) for c in d["comments"]],
}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(pairs: list[tuple[str, dict, dict]]) -> dict[str, Score]:
    """Scores over (document name, extracted JSON, gold JSON) triples."""
    scores = {name: Score() for name in FIELDS}
    for document, found, gold in pairs:
        for name, items in FIELDS.items():
            got, want = Counter(items(found)), Counter(items(gold))
            hits = got & want
            result = scores[name]
            result.tp += sum(hits.values())
            result.fp += sum((got - want).values())
            result.fn += sum((want - got).values())
            for item in (got - want).elements():
                result.misses.append(f"{document}: extra {item!r}")
            for item in (want - got).elements():
                result.misses.append(f"{document}: missing {item!r}")
    return scores


def score_folder(folder: Path, gazetteer: Gazetteer) -> dict[str, Score]:
    """Extract every ``*.txt`` capture of ``folder`` and score it against its ``.gold.json``."""
    pairs = []
    for capture in sorted(folder.glob("*.txt")):
        gold = json.loads(capture.with_suffix(".gold.json").read_text(encoding="utf-8"))
        found = json.loads(
            json.dumps(extract(capture.read_text(encoding="utf-8"), gazetteer).as_dict())
        )
        pairs.append((capture.name, found, gold))
    return score(pairs)


def table(scores: dict[str, Score]) -> str:
    lines = [f"{'field':<28} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>4} {'fn':>4}"]
    for name, s in scores.items():
        lines.append(
            f"{name:<28} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5} {s.fp:4} {s.fn:4}"
        )
    return "\n".join(lines)
