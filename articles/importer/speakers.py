"""Who said a quotation: the noun phrase next to a speech verb, split into name and role.

The grammar is English news style: "41-year-old foreman Sample Person told ...",
"..., said Father Example, a volunteer", "the Ministry of Roads in Example Town said that".
The name is the run of capitalised words next to the verb; the description is the
role or age phrase written right before it, or an appositive after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    AUXILIARIES,
    BODIES,
    CONNECTORS,
    DETERMINERS,
    ELIDED_RE,
    FRENCH_AUXILIARIES,
    FRENCH_SPEECH_VERBS,
    FUNCTION_WORDS,
    GROUP_NOUNS,
    HONORIFICS,
    INVERTED_RE,
    NOT_NAME_WORDS,
    OFFICES,
    PERSON_PRONOUNS,
    PREPOSITIONS,
    PRONOUNS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    TITLES,
)
from .roles import looks_like_role
from .textutil import ARTICLES, Token, is_capitalised, strip_possessive, word_set

_MAX_NAME_WORDS = 6
# Words that end a name and open what is said about it: "l'Association X dans un communiqué".
_AFTER_A_NAME = word_set("dans lors selon pendant")
_MAX_SUBJECT_WORDS = 14
# "C'est", "Qu'il", "N'importe": French words elided onto a verb or pronoun, no name.
_ELIDED_CLAUSE_RE = re.compile(r"^(?:[CcJjMmNnSsTt]|[Qq]u)['’]")
# Lower-case words of a role before a name: "the food chemist Ramil X".
_MAX_ROLE_WORDS = 3


@dataclass(frozen=True)
class Attribution:
    speaker: str | None
    description: str | None
    pronoun: bool = False
    # "An official said": someone not named before, so no earlier name fits.
    indefinite: bool = False
    # False for the speaker of a claim someone else reports ("after Aliyev's
    # claim that"): a later "he said" is not about them.
    salient: bool = True
    # "m" or "f" when a pronoun or a French article tells ("she", "la cuisinière").
    gender: str | None = None


def pronoun_attribution(word: str) -> Attribution:
    """ "she said" refers to a person named before; "they said" or "it said" to nobody
    who can be named from here."""
    return Attribution(None, None, pronoun=word.lower() in PERSON_PRONOUNS, gender=gender_of(word))


def inserted_speaker(who: list[str]) -> Attribution:
    """Who an attribution set inside a quotation names: a pronoun ("sourit-elle") or a
    subject ("raconte la directrice")."""
    if len(who) == 1:
        return pronoun_attribution(who[0])
    name, description = split_phrase(who)
    return Attribution(name, description, gender=gender_of(who[0]))


_GENDERS = dict.fromkeys(("he", "il", "lui", "le", "un"), "m") | dict.fromkeys(
    ("she", "elle", "la", "une"), "f"
)


def gender_of(word: str) -> str | None:
    """The gender a pronoun or a French article gives the person it stands for ("she",
    "explique-t-elle", "la cuisinière"), when it gives one."""
    return _GENDERS.get(word.lower().rsplit("-", 1)[-1])


def is_verb(token: Token) -> bool:
    return token.text.lower() in SPEECH_VERBS  # punctuation lower-cases to no verb


def inverted_pronoun(toks: list[Token], index: int) -> bool:
    """Whether the token at ``index`` is a French verb with its pronoun after it,
    "explique-t-elle", or an auxiliary so, "a-t-il dit"."""
    found = INVERTED_RE.match(toks[index].text)
    if found is None:
        return False
    verb = found.group(1).lower()
    if verb in SPEECH_VERBS:
        return True
    return verb in ("a", "avait", "est") and index + 1 < len(toks) and is_verb(toks[index + 1])


def is_according_to(toks: list[Token], index: int) -> bool:
    """ "according to X", "selon X": X is who says so."""
    if toks[index].lower == "selon":
        return True
    return (
        toks[index].lower == "according" and index + 1 < len(toks) and toks[index + 1].lower == "to"
    )


def is_name_word(word: str) -> bool:
    return is_capitalised(word) and strip_possessive(word).lower() not in NOT_NAME_WORDS


def split_phrase(
    phrase: list[str],
    sentence_start: bool = False,
    vocabulary: frozenset[str] = frozenset(),
    allow_body: bool = True,
) -> tuple[str | None, str | None]:
    """(name, description) of a subject phrase such as "41-year-old foreman Sample Person".

    ``sentence_start`` says the phrase opens a sentence, where a capital proves
    nothing: a single word the document also writes in lower case ("Residents")
    is then a common noun, not a name. With ``allow_body``, a lower-case phrase
    ending in an institution ("defence ministry") is returned as the name.
    """
    words = list(phrase)
    while words and words[0].lower() in ARTICLES:
        words.pop(0)
        sentence_start = False
    if words and (elided := ELIDED_RE.match(words[0])):
        words[0] = words[0][elided.end() :]  # "L'Association", "l'importateur"
        sentence_start = False
    if not words or not words[0]:
        return None, None
    if words[0].lower() in BODIES and any(w.lower() in CONNECTORS for w in words[1:3]):
        # "Association des vignerons de Telavi", not what follows it "dans un communiqué".
        end = next((i for i, w in enumerate(words) if w.lower() in _AFTER_A_NAME), len(words))
        return _join(words[:end]), None
    if (
        len(words) > 2
        and words[0].lower() in OFFICES
        and words[1].lower() in CONNECTORS
        and words[-1].lower() in BODIES
    ):
        return None, _join(words)  # "the Head of the Executive Authority": a person's office
    end = len(words)
    body = _body_name(words)
    if body is not None:
        return _join(words[body:]), _join(words[:body])
    k = end - 1
    while k >= 0:
        word = words[k]
        # A possessive ends a name ("Armenia's President X"), and a connector only
        # joins two parts of one ("Ministry of Defense").
        in_name = is_name_word(word) and (k == end - 1 or not _has_possessive(word))
        # A title word closing a run of names is a surname ("John Major said").
        in_name = in_name or (
            k == end - 1 and k > 0 and _is_title(word) and is_name_word(words[k - 1])
        )
        joins = (
            word.lower() in CONNECTORS
            and 0 < k < end - 1
            and (is_name_word(words[k - 1]) or words[k - 1].lower() in CONNECTORS)
        )
        if not (in_name or joins):
            break
        k -= 1
    name = words[k + 1 :]
    description = words[: k + 1]
    while name and name[0].lower() in CONNECTORS:
        description.append(name.pop(0))
    # "Minister of Defense David Smith": the words after the office's "of" belong to
    # the office, and the person is the last words of the run.
    # So too a longer office: "Spokesperson of the Ministry of Foreign Affairs of
    # Armenia Ani Badalyan".
    office = (
        len(name) > 1
        and name[-1].lower() not in BODIES  # "head of the Roads Service": no person
        and len(description) > 1
        and description[-1].lower() in CONNECTORS
        and any(word.lower() in TITLES for word in description)
    )
    if office:
        cut = max(1, len(name) - 2)
        description.extend(name[:cut])
        name = name[cut:]
    # "Residents said", "Officials in Baku said": a common noun capitalised at the
    # start of a sentence, with or without a place after it, names nobody.
    if name and not description:
        head = name[0].lower()
        common = head in GROUP_NOUNS or (sentence_start and head in vocabulary)
        if common and (len(name) == 1 or name[1].lower() in CONNECTORS):
            description, name = name, []
    if len(name) > _MAX_NAME_WORDS:
        return None, _join(description)
    # "Twelve-year-old Mariam Gelashvili": a role opening a longer run is no name.
    while len(name) > 2 and looks_like_role(name[0]):
        description.append(name.pop(0))
    # "deputy head of the Roads Service": the name is what the role is of.
    role_end = (
        description[:-1] if description and description[-1].lower() in ARTICLES else description
    )
    of_a_role = (
        len(role_end) > 1
        and role_end[-1].lower() in ("of", "for", "de", "du", "des")
        and role_end[-2][:1].islower()
        and (
            not any(word.lower() in BODIES for word in name)
            or role_end[-2].lower() in TITLES
            or not allow_body
        )
    )
    if of_a_role or (name and description and description[-1].lower() in PREPOSITIONS):
        # "a village near Vardenis": the name is where, not who.
        return None, _join(description + name)
    while description and description[-1].lower().rstrip(".") in HONORIFICS:
        description.pop()
    if allow_body and not name and description and description[-1].lower() in BODIES:
        if description[0].lower() in OFFICES and description[1].lower() in CONNECTORS:
            return None, _join(description)  # "the head of the department": a person
        return _join(description), None
    if name:
        name[-1] = strip_possessive(name[-1])
    return _join(name), _join(description)


def _body_name(words: list[str]) -> int | None:
    """Where the capitalised name of an institution ending the phrase starts, titles and
    possessives included: "the Prosecutor General's Office", "the President's Office"."""
    if not (words[-1][:1].isupper() and words[-1].lower() in BODIES):
        return None
    k = len(words) - 1
    while k > 0 and (
        words[k - 1][:1].isupper()
        or (words[k - 1].lower() in CONNECTORS and words[k - 2][:1].isupper() and k > 1)
    ):
        k -= 1
    has_possessive = any(_has_possessive(word) for word in words[k:-1])
    return k if has_possessive else None


def _is_title(word: str) -> bool:
    return is_capitalised(word) and word.lower() in TITLES


def _has_possessive(word: str) -> bool:
    return strip_possessive(word) != word


def _join(words: list[str]) -> str | None:
    text = " ".join(words).strip(" ,")
    return text or None


def role_phrase(words: list[str]) -> str | None:
    """An appositive read as a description: "a volunteer" -> "volunteer", "45" -> "45",
    "the spokesman for the Example Ministry" -> "spokesman for the Example Ministry"."""
    phrase = list(words)
    while phrase and phrase[0].lower() in ARTICLES:
        phrase.pop(0)
    if not phrase or len(phrase) > 8 or phrase[0].lower() in FUNCTION_WORDS:
        return None
    # It must open with a lower-case role word or an age: "Lachin district" or
    # "Sample Person" next to a name is no description of that person.
    if not (phrase[0][0].islower() or phrase[0][0].isdigit()):
        return None
    return _join(phrase)


def _connector_inside_name(toks: list[Token], index: int, floor: int) -> bool:
    """Whether a small word at ``index`` joins two parts of one capitalised name."""
    if toks[index].lower not in CONNECTORS or index - 1 < floor or index + 1 >= len(toks):
        return False
    after = toks[index + 1]
    if after.lower in ARTICLES and index + 2 < len(toks):
        after = toks[index + 2]
    before = toks[index - 1]
    return (
        after.is_word
        and is_capitalised(after.text)
        and before.is_word
        and (is_capitalised(before.text) or before.lower in CONNECTORS)
    )


def _inside_role(toks: list[Token], index: int, floor: int, phrase: list[Token]) -> bool:
    """Whether "of"/"for" at ``index`` joins a lower-case role: "the minister of defence",
    or "in" an occupation to what it is in charge of."""
    if toks[index].lower not in ("of", "for", "in") or index - 1 < floor or not phrase:
        return False
    before = toks[index - 1]
    if toks[index].lower == "in":
        return before.lower in TITLES  # "the engineer in charge of the site"
    return before.is_word and before.text[0].islower() and before.lower not in FUNCTION_WORDS


def groups_before(toks: list[Token], verb: int, floor: int) -> tuple[list[list[Token]], bool]:
    """Comma-separated phrases right before the verb, nearest first, and whether the
    farthest one opens the sentence."""
    i = verb - 1
    skipped = FRENCH_AUXILIARIES if toks[verb].lower in FRENCH_SPEECH_VERBS else AUXILIARIES
    while i >= floor and toks[i].is_word and toks[i].lower in skipped:
        i -= 1
    groups: list[list[Token]] = []
    current: list[Token] = []
    while i >= floor:
        tok = toks[i]
        if tok.text in ("'", "’") and i > floor and toks[i - 1].end == tok.start:
            # "Weavers'": a plural's possessive mark belongs to its word.
            word = toks[i - 1]
            current.insert(0, Token(word.text + tok.text, word.start, tok.end))
            i -= 2
            continue
        if tok.lower in PRONOUNS and not current:
            # "for what it called": the pronoun is the whole subject.
            current = [tok]
            i -= 1
            break
        if not tok.is_word:
            if tok.text == "," and len(groups) < 2:
                groups.append(current)
                current = []
                i -= 1
                continue
            break
        if tok.lower in ARTICLES:
            current.insert(0, tok)
            i -= 1
            # An article opens its phrase, unless it follows a connector ("Ministry of
            # the Interior") or a comma before it closes an earlier phrase ("X, a
            # teacher, said").
            inside = i >= floor and toks[i].lower in CONNECTORS
            if not inside and not (i >= floor and toks[i].text == ","):
                break
            continue
        if (
            tok.lower in FUNCTION_WORDS
            and not _connector_inside_name(toks, i, floor)
            and not _inside_role(toks, i, floor, current)
        ):
            if tok.lower in PREPOSITIONS and current and current[0].text[:1].isupper():
                current = []  # "..., head of a cooperative in Vanadzor,": where, not who
            break
        current.insert(0, tok)
        i -= 1
    groups.append(current)
    return groups, i < floor


def phrase_until_punctuation(toks: list[Token], start: int, end: int) -> tuple[list[Token], int]:
    """Words from ``start`` up to punctuation or a function word; returns them and the stop."""
    found: list[Token] = []
    i = start
    while i < end:
        tok = toks[i]
        if not tok.is_word:
            break
        if tok.lower in FUNCTION_WORDS and not _connector_inside_name(toks, i, start):
            break
        if tok.lower in SPEECH_VERBS:
            break
        found.append(tok)
        i += 1
    return found, i


def attribute_groups(
    groups: list[list[Token]], sentence_start: bool, vocabulary: frozenset[str]
) -> Attribution | None:
    """Speaker and description from the phrases before a verb (see ``groups_before``)."""
    texts = [[t.text for t in group] for group in groups]
    # Phrases beyond the nearest one matter only when a comma stands right before
    # the verb ("X, a teacher, said"); otherwise "In Shusha, residents said" would
    # make the place the speaker.
    appositive = bool(texts) and not texts[0]
    while texts and not texts[0]:
        texts.pop(0)
    if not appositive:
        texts = texts[:1]
    if not texts:
        return None
    first = texts[0]
    if len(first) == 1 and first[0].lower() in PRONOUNS:
        return pronoun_attribution(first[0])
    if first[0].lower() in ("who", "which"):
        texts = texts[1:]
        if not texts:
            return None
        first = texts[0]
    for position, words in enumerate(texts[:2]):
        last_group = position == len(texts) - 1
        name, description = split_phrase(
            words, sentence_start and last_group, vocabulary, allow_body=False
        )
        if name is None:
            continue
        if description is None and position:
            description = role_phrase(texts[position - 1])  # "X, a teacher, said"
        # "The engineer, X, said": a role before the name only when it opens the
        # sentence, so "In a statement, the Ministry said" gives no "statement".
        if description is None and sentence_start and position + 1 == len(texts) - 1:
            description = role_phrase(texts[position + 1])
        return Attribution(name, description)
    name, description = split_phrase(first, sentence_start and len(texts) == 1, vocabulary)
    if name is None and description is None:
        return None
    indefinite = first[0].lower() in ("a", "an")
    return Attribution(name, description, indefinite=indefinite, gender=gender_of(first[0]))


def attribute_after_verb(toks: list[Token], verb: int, end: int) -> Attribution | None:
    """Inverted attribution after a verb: "said Father Example, a volunteer"."""
    start = verb + 2 if toks[verb].lower == "according" else verb + 1
    while start < end and toks[start].lower in DETERMINERS:
        start += 1  # "said their conductor, Marina Sahakyan"
    if start + 2 < end and toks[start].lower in HONORIFICS and toks[start + 1].text == ".":
        start += 2  # "observe M. Grigorian": the form of address and its stop
    phrase, stop = phrase_until_punctuation(toks, start, end)
    if not phrase:
        return None
    words = [t.text for t in phrase]
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return pronoun_attribution(words[0])
    name, description = split_phrase(words)
    appositive: list[str] = []
    if stop < end and toks[stop].text == ",":
        following, _ = phrase_until_punctuation(toks, stop + 1, end)
        appositive = [t.text for t in following]
    if name is None and appositive:
        other_name, other_description = split_phrase(appositive)
        if other_name:
            # "rétorque le président, Gagik X": the article tells who he is too.
            description = description or other_description
            return Attribution(other_name, description, gender=gender_of(words[0]))
    if name is not None and description is None and appositive:
        description = role_phrase(appositive)
    if name is None and description is None:
        return None
    return Attribution(name, description, gender=gender_of(words[0]))


# What opens a clause set off by commas between a subject and its verb.
_PARENTHESIS_OPENERS = word_set("who whose which from near in of at originally qui dont")
# What opens a phrase of place inside such a clause: ", à une trentaine de kilomètres,".
_PLACE_WORDS = word_set("à près about some near in at")


def relative_clause_start(toks: list[Token], verb: int, floor: int) -> int | None:
    """Where a clause set off by commas right before the verb opens, at its comma: in
    "Ruben, who lost his farm, described it" or "Farmer Hayk Manukyan, from a village
    near Vardenis, said", the comma after the name."""
    i = verb - 1
    skipped = FRENCH_AUXILIARIES if toks[verb].lower in FRENCH_SPEECH_VERBS else AUXILIARIES
    while i >= floor and toks[i].is_word and toks[i].lower in skipped:
        i -= 1
    if i < floor or toks[i].text != ",":
        return None
    for j in range(i - 1, max(floor, i - 16) - 1, -1):
        if toks[j].text == "," and j + 1 < i and toks[j + 1].lower in _PARENTHESIS_OPENERS:
            # "Elvin Huseynov, 41, whose daughters ...": an age before the clause too.
            if j - 2 >= floor and toks[j - 1].text.isdigit() and toks[j - 2].text == ",":
                return j - 2
            return j
        if toks[j].text == "," and j + 1 < i and toks[j + 1].lower in _PLACE_WORDS:
            continue  # a place parts the clause itself: ", qui a grandi à X, à 30 km,"
        if not toks[j].is_word and toks[j].text != "-":
            return None
    return None


def _is_initial(toks: list[Token], i: int) -> bool:
    """Whether the word at ``i`` is an initial with its full stop: "V." in "V. Səfərli"."""
    word = toks[i].text
    return len(word) == 1 and word.isupper() and toks[i + 1].text == "."


def sentence_subject(
    toks: list[Token], start: int, verb: int, vocabulary: frozenset[str] | None = None
) -> list[Token]:
    """The name or role opening a sentence whose later verb shares it: "The mayor met
    residents and insisted", "Arman Petrosyan visited the camp and said". Given the
    words the document writes in lower case, one capitalised word that is none of
    them is a surname too: "Abdullayev tasted the honey, frowned and said"."""
    i = start
    while i < verb and toks[i].lower in ARTICLES:
        i += 1
    while i + 2 < verb and _is_initial(toks, i):
        i += 2  # "V. Səfərli visited ... and stated": the surname names them
    if i + 2 < verb and toks[i + 1].text in ("'", "’") and toks[i + 1].start == toks[i].end:
        i += 2  # "Growers' representative X": whose representative, not who
    phrase: list[Token] = []
    if i + 1 < verb and toks[i].text.islower() and toks[i + 1].text.islower():
        j = i
        while j < min(verb, i + _MAX_ROLE_WORDS) and toks[j].is_word and toks[j].text.islower():
            j += 1
        named = j < verb and is_name_word(toks[j].text) and toks[j - 1].lower not in FUNCTION_WORDS
        if named:
            # "The food chemist Ramil X, who ..., took a jar", "village head Lusine X
            # met farmers and promised": a role, then the name.
            phrase, i = toks[i:j], j
        elif i > start:
            return [toks[i]]  # "The coach thanked the audience and promised"
    while i < verb and toks[i].is_word and len(phrase) < _MAX_SUBJECT_WORDS:
        word = toks[i]
        known = word.lower in TITLES or looks_like_role(word.text)
        if not (is_capitalised(word.text) or known or word.lower in CONNECTORS):
            break
        phrase.append(word)
        i += 1
    while phrase and phrase[-1].lower in CONNECTORS:
        phrase.pop()
    titled = any(word.lower in TITLES for word in phrase)
    # One capitalised word is a name when a comma follows it: "Guliyev, who lost ...".
    named = len(phrase) == 1 and i < verb and toks[i].text == ","
    surname = (
        vocabulary is not None
        and len(phrase) == 1
        and i < verb
        and toks[i].text.islower()
        and phrase[0].lower not in vocabulary
        and is_name_word(phrase[0].text)
        and not _ELIDED_CLAUSE_RE.match(phrase[0].text)
    )
    return phrase if phrase and (len(phrase) > 1 or titled or named or surname) else []


def possessive_speaker(toks: list[Token], noun: int, floor: int) -> str | None:
    """The speaker of a noun of speech written with a possessive: "Aliyev's claim"."""
    if toks[noun].lower not in SPEECH_NOUNS:
        return None
    i = noun - 1
    while i >= floor and toks[i].is_word and not is_capitalised(toks[i].text):
        if i < noun - 2:
            return None  # "Aliyev's repeated claim", and no further
        i -= 1
    if i < floor or not _has_possessive(toks[i].text) or not is_name_word(toks[i].text):
        return None
    words = [strip_possessive(toks[i].text)]
    while (
        i - 1 >= floor and is_name_word(toks[i - 1].text) and not _has_possessive(toks[i - 1].text)
    ):
        i -= 1
        words.insert(0, toks[i].text)
    return " ".join(words)
