"""What a person is, as news writing says it: whether a word is a role ("Curator",
"Twelve-year-old"), whether a phrase says what someone is, and whether a role
reference ("the official", "the department head") fits a role given before."""

from __future__ import annotations

from .lexicon import CONNECTORS, ELIDED_RE, GROUP_NOUNS, OFFICES, TITLES
from .textutil import ARTICLES, word_set


def looks_like_role(word: str) -> bool:
    """Whether a capitalised word before a name is more likely a role than a first
    name: an office or occupation, an age ("Twelve-year-old"), or a word formed as
    agents are ("Curator", "Weaver", "Fisherman")."""
    lower = word.lower()
    return (
        lower in TITLES
        or "year-old" in lower
        or any(ch.isdigit() for ch in lower)
        or (len(lower) > 5 and lower.endswith(("er", "or", "man", "ist", "ess")))
    )


def is_role(description: str) -> bool:
    """Whether a phrase says what someone is ("regional engineer", "41", "residents"),
    rather than being stray words caught before a verb ("own car", "someone")."""
    words = description.lower().split()
    head = words[-1]
    known = any(word in TITLES or word in GROUP_NOUNS for word in words)
    return words[0][0].isdigit() or known or looks_like_role(head)


# Role words that stand for any office: "the official said" may be the minister.
_ANY_OFFICE = word_set("official officials spokesman spokeswoman spokesperson representative")


def fits_role(role: str, known: str | None) -> bool:
    """Whether a role reference ("the governor", "the official") fits a person whose
    role is ``known`` ("Governor", "regional governor", "Deputy Minister")."""
    if not known:
        return False
    words_of_role = role.lower().split()
    # The head of "chef du village" or "head of the unit" is its first noun.
    cut = next((i for i, w in enumerate(words_of_role) if w in CONNECTORS), len(words_of_role))
    head = words_of_role[max(cut - 1, 0)]
    # "l’administrateur du marché" is an "administrateur".
    listed = [ELIDED_RE.sub("", word.lower().rstrip(",")) for word in known.split()]
    words = set(listed)
    # "the head of the department" is not the head of the district: what the role
    # is of must be in theirs too, when theirs says what it is of.
    of_what = {w for w in words_of_role[cut + 1 :] if w not in CONNECTORS and w not in ARTICLES}
    if not of_what <= words and words & CONNECTORS:
        return False
    if head in words:
        # "the department head" is not the "village head": a word naming what they
        # are head of, when both give one, must be the same.
        at = listed.index(head)
        theirs = listed[at - 1] if at else ""
        ours = words_of_role[: max(cut - 1, 0)]
        return not (ours and theirs.isalpha() and theirs not in ours and theirs not in ARTICLES)
    if head.rstrip("s") in words:
        return True
    return head in _ANY_OFFICE and bool(words & (OFFICES | _ANY_OFFICE))
