"""Who said a quotation: the noun phrase next to a speech verb, split into name and role.

The grammar is English news style: "41-year-old foreman Sample Person told ...",
"..., said Father Example, a volunteer", "the Ministry of Roads in Example Town said that".
The name is the run of capitalised words next to the verb; the description is the
role or age phrase written right before it, or an appositive after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .months import MONTHS_AND_WEEKDAYS
from .textutil import ARTICLES, Token, is_capitalised, strip_possessive, word_set

SPEECH_VERBS = word_set("""
    say says said saying tell tells told telling add adds added adding state states stated
    declare declares declared declaring explain explains explained explaining insist insists
    insisted insisting note notes noted noting write writes wrote writing announce announces
    announced ask asks asked asking reply replies replied warn warns warned warning stress
    stresses stressed stressing claim claims claimed assert asserts asserted affirm affirms
    affirmed recall recalls recalled recalling confirm confirms confirmed vow vows vowed
    promise promises promised urge urges urged tweet tweets tweeted posted continue continues
    continued comment comments commented admit admits admitted acknowledge acknowledges
    acknowledged argue argues argued emphasise emphasises emphasised emphasize emphasizes
    emphasized lament laments lamented complain complains complained shout shouted cry cried
    whisper whispered sigh sighed exclaimed concluded recounted
    call calls called describe describes described dub dubs dubbed term terms termed
    remind reminds reminded repeat repeats repeated
    label labels labelled labeled brand brands branded
    """)
# Verbs of manner that attribute only right after a quotation: '"...," Gayane laughed'.
MANNER_VERBS = word_set(
    "laughed smiled joked sobbed shrugged nodded murmured muttered screamed yelled answered "
    "replied remembered wondered boasted pleaded protested sighed gasped grumbled"
)
# French reporting verbs, present and past participle ("explique", "a précisé").
FRENCH_SPEECH_VERBS = word_set("""
    dit dire déclare déclaré explique expliqué raconte raconté précise précisé ajoute ajouté
    affirme affirmé confie confié souligne souligné estime estimé assure assuré indique
    indiqué annonce annoncé insiste insisté répond répondu rappelle rappelé prévient prévenu
    lance lancé poursuit poursuivi témoigne témoigné reconnaît reconnu déplore déploré
    regrette regretté résume résumé promet promis juge jugé qualifie qualifié réjoui
    réjouit exclamé écrié félicité inquiété interrogé demandé demande
    """)
SPEECH_VERBS |= FRENCH_SPEECH_VERBS
# What stands between a French subject and its verb: "X a précisé", "X l'a expliqué".
_FRENCH_AUXILIARIES = word_set("a ont avait avaient aurait l'a l’a lui leur se s'est s’est en est")
# "explique-t-elle", "dit-il", "a-t-elle": a verb with its subject pronoun after it.
_INVERTED_RE = re.compile(r"^(\w+)-(?:t-)?(?:il|elle|ils|elles|on)$", re.IGNORECASE)
# Nouns of speech that take their speaker as a possessive: "after Aliyev's claim that".
SPEECH_NOUNS = word_set(
    "claim claims statement statements remark remarks words promise pledge assertion warning "
    "comment comments insistence call appeal complaint complaints question answer reply plea "
    "message request demand protest explanation admission confession verdict assessment"
)
# Possessive determiners before a role: "said their conductor", "s'est réjoui son gardien".
_DETERMINERS = word_set("his her their its our my son sa ses leur leurs notre")
# Words that may stand between a subject and its verb: "Smith also said", "he has told".
_AUXILIARIES = word_set(
    "also later earlier then further again previously recently once reportedly allegedly "
    "has have had was were is are would will could had just simply"
)
PRONOUNS = word_set("he she they we i it il elle ils elles")
# Pronouns that may stand for one person named before; "it", "they" and "we" never do.
PERSON_PRONOUNS = word_set("he she il elle")
# Function words that end a subject phrase when walking back from the verb.
FUNCTION_WORDS = word_set("""
    that which who whom whose and but or nor while when where as after before since because if
    though although so yet in on at by from into with without for about over under between
    against during through across among toward towards upon via per than like there this these
    those his her its their our my your not to of near outside inside around beyond
    """)
# Small words that may sit inside a name between capitalised words: "Ministry of
# Roads in Example Town", "Ministry of the Interior", "Jean de la Fontaine".
_CONNECTORS = word_set("of in for on and the de du des la le al el bin ibn van von der")
# Offices and ranks written before a name: part of the description, not the name.
OFFICES = word_set("""
    president vice-president minister prime premier chancellor king queen prince princess pope
    patriarch catholicos archbishop bishop cardinal general gen colonel col major maj lieutenant
    lt captain capt commander admiral adm marshal sergeant sgt governor gov mayor senator sen
    ambassador envoy secretary spokesman spokeswoman spokesperson chairman chairwoman chair
    director chief deputy head judge justice prosecutor ombudsman professor prof
    commissioner representative adviser advisor aide leader emir sheikh sultan imam rabbi
    reverend rev vice ayatollah
    """)
# Occupations, which stand before a name as an office does ("Villager Sona Arakelyan"),
# and, capitalised at a sentence's start, are no part of it.
OCCUPATIONS = word_set("""
    villager farmer teacher engineer mason priest nurse doctor student driver shepherd
    journalist reporter correspondent photographer activist historian analyst economist
    lawyer resident refugee volunteer worker builder soldier veteran pensioner shopkeeper
    baker miner guide architect officer researcher coach councillor councilor curator
    weaver fisherman producer inspector contractor official winemaker vintner grower
    trader vendor owner manager librarian principal retiree soprano tenor singer conductor
    moderator stationmaster coordinator electrician agricultrice agriculteur tisserand
    directeur directrice gardien commissaire ingénieur bibliothécaire retraité retraitée
    """)
TITLES = OFFICES | OCCUPATIONS
# Words after which a name is a place or an object, never the one who speaks.
_PREPOSITIONS = word_set(
    "in to at from near into toward towards for on by with through across outside inside "
    "around via over under between beyond"
)
# Forms of address that are neither name nor role.
_HONORIFICS = word_set("mr mrs ms miss dr mme mlle sir m")
# A phrase ending in one of these names an institution even when written in lower
# case ("the defence ministry said"); it is then the speaker.
BODIES = word_set(
    "ministry government army office agency committee council service parliament administration "
    "embassy authorities police military presidency kremlin command department court "
    "commission union association cooperative co-operative municipality institute foundation "
    "society federation organisation organization company centre center bureau inspectorate "
    "directorate prefecture "
    "ministère gouvernement mairie parquet comité conseil coopérative agence préfecture "
    "ambassade fédération syndicat"
)
# French articles elided onto their noun: "L'Association", "l’importateur".
_ELIDED_RE = re.compile(r"^[LlDd]['’](?=\w)")
# Capitalised words that open sentences and are never part of a name.
CAPITALISED_STOPS = word_set(
    "the a an in on at by for from to with but and or as after before since while when if "
    "according this that these those his her its their our there then however meanwhile "
    "also yet so"
)
# People named by what they are, often opening a sentence ("Residents said"): a
# capital there makes no name.
_GROUP_NOUNS = word_set(
    "residents officials witnesses villagers locals soldiers refugees protesters analysts "
    "experts observers sources diplomats critics doctors rescuers journalists reporters "
    "activists inhabitants survivors relatives neighbours neighbors volunteers farmers "
    "worshippers worshipers pilgrims priests monks workers"
)
_MAX_NAME_WORDS = 6
_MAX_SUBJECT_WORDS = 14
# What a capitalised word may be without being part of a name, lower-cased, in one set.
NOT_NAME_WORDS = TITLES | _HONORIFICS | CAPITALISED_STOPS | MONTHS_AND_WEEKDAYS


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


def _pronoun(word: str) -> Attribution:
    """ "she said" refers to a person named before; "they said" or "it said" to nobody
    who can be named from here."""
    return Attribution(None, None, pronoun=word.lower() in PERSON_PRONOUNS)


def is_verb(token: Token) -> bool:
    return token.text.lower() in SPEECH_VERBS  # punctuation lower-cases to no verb


def inverted_pronoun(toks: list[Token], index: int) -> bool:
    """Whether the token at ``index`` is a French verb with its pronoun after it,
    "explique-t-elle", or an auxiliary so, "a-t-il dit"."""
    found = _INVERTED_RE.match(toks[index].text)
    if found is None:
        return False
    verb = found.group(1).lower()
    if verb in SPEECH_VERBS:
        return True
    return verb in ("a", "avait") and index + 1 < len(toks) and is_verb(toks[index + 1])


def is_according_to(toks: list[Token], index: int) -> bool:
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
    if words and (elided := _ELIDED_RE.match(words[0])):
        words[0] = words[0][elided.end() :]  # "L'Association", "l'importateur"
        sentence_start = False
    if not words or not words[0]:
        return None, None
    if words[0].lower() in BODIES and any(w.lower() in _CONNECTORS for w in words[1:3]):
        return _join(words), None  # "Association des vignerons de Telavi"
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
            word.lower() in _CONNECTORS
            and 0 < k < end - 1
            and (is_name_word(words[k - 1]) or words[k - 1].lower() in _CONNECTORS)
        )
        if not (in_name or joins):
            break
        k -= 1
    name = words[k + 1 :]
    description = words[: k + 1]
    while name and name[0].lower() in _CONNECTORS:
        description.append(name.pop(0))
    # "Minister of Defense David Smith": the words after the office's "of" belong to
    # the office, and the person is the last words of the run.
    # So too a longer office: "Spokesperson of the Ministry of Foreign Affairs of
    # Armenia Ani Badalyan".
    office = (
        len(name) > 1
        and len(description) > 1
        and description[-1].lower() in _CONNECTORS
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
        common = head in _GROUP_NOUNS or (sentence_start and head in vocabulary)
        if common and (len(name) == 1 or name[1].lower() in _CONNECTORS):
            description, name = name, []
    if len(name) > _MAX_NAME_WORDS:
        return None, _join(description)
    # "Twelve-year-old Mariam Gelashvili": a role opening a longer run is no name.
    while len(name) > 2 and looks_like_role(name[0]):
        description.append(name.pop(0))
    of_a_role = (
        len(description) > 1
        and description[-1].lower() in ("of", "for")
        and description[-2][:1].islower()
        and not any(word.lower() in BODIES for word in name)
    )
    if of_a_role or (name and description and description[-1].lower() in _PREPOSITIONS):
        # "a village near Vardenis": the name is where, not who.
        return None, _join(description + name)
    while description and description[-1].lower().rstrip(".") in _HONORIFICS:
        description.pop()
    if allow_body and not name and description and description[-1].lower() in BODIES:
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
        or (words[k - 1].lower() in _CONNECTORS and words[k - 2][:1].isupper() and k > 1)
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
    if toks[index].lower not in _CONNECTORS or index - 1 < floor or index + 1 >= len(toks):
        return False
    after = toks[index + 1]
    if after.lower in ARTICLES and index + 2 < len(toks):
        after = toks[index + 2]
    before = toks[index - 1]
    return (
        after.is_word
        and is_capitalised(after.text)
        and before.is_word
        and (is_capitalised(before.text) or before.lower in _CONNECTORS)
    )


def _inside_role(toks: list[Token], index: int, floor: int, phrase: list[Token]) -> bool:
    """Whether "of"/"for" at ``index`` joins a lower-case role: "the minister of defence"."""
    if toks[index].lower not in ("of", "for") or index - 1 < floor or not phrase:
        return False
    before = toks[index - 1]
    return before.is_word and before.text[0].islower() and before.lower not in FUNCTION_WORDS


def groups_before(toks: list[Token], verb: int, floor: int) -> tuple[list[list[Token]], bool]:
    """Comma-separated phrases right before the verb, nearest first, and whether the
    farthest one opens the sentence."""
    i = verb - 1
    skipped = _FRENCH_AUXILIARIES if toks[verb].lower in FRENCH_SPEECH_VERBS else _AUXILIARIES
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
            inside = i >= floor and toks[i].lower in _CONNECTORS
            if not inside and not (i >= floor and toks[i].text == ","):
                break
            continue
        if (
            tok.lower in FUNCTION_WORDS
            and not _connector_inside_name(toks, i, floor)
            and not _inside_role(toks, i, floor, current)
        ):
            if tok.lower in _PREPOSITIONS and current and current[0].text[:1].isupper():
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
        return _pronoun(first[0])
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
    return Attribution(name, description, indefinite=first[0].lower() in ("a", "an"))


def attribute_after_verb(toks: list[Token], verb: int, end: int) -> Attribution | None:
    """Inverted attribution after a verb: "said Father Example, a volunteer"."""
    start = verb + 2 if is_according_to(toks, verb) else verb + 1
    while start < end and toks[start].lower in _DETERMINERS:
        start += 1  # "said their conductor, Marina Sahakyan"
    phrase, stop = phrase_until_punctuation(toks, start, end)
    if not phrase:
        return None
    words = [t.text for t in phrase]
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return _pronoun(words[0])
    name, description = split_phrase(words)
    appositive: list[str] = []
    if stop < end and toks[stop].text == ",":
        following, _ = phrase_until_punctuation(toks, stop + 1, end)
        appositive = [t.text for t in following]
    if name is None and appositive:
        other_name, other_description = split_phrase(appositive)
        if other_name:
            return Attribution(other_name, description or other_description)
    if name is not None and description is None and appositive:
        description = role_phrase(appositive)
    if name is None and description is None:
        return None
    return Attribution(name, description)


# Role words that stand for any office: "the official said" may be the minister.
_ANY_OFFICE = word_set("official officials spokesman spokeswoman spokesperson representative")


def fits_role(role: str, known: str | None) -> bool:
    """Whether a role reference ("the governor", "the official") fits a person whose
    role is ``known`` ("Governor", "regional governor", "Deputy Minister")."""
    if not known:
        return False
    words_of_role = role.lower().split()
    # The head of "chef du village" or "head of the unit" is its first noun.
    cut = next((i for i, w in enumerate(words_of_role) if w in _CONNECTORS), len(words_of_role))
    head = words_of_role[max(cut - 1, 0)]
    words = {word.lower().rstrip(",") for word in known.split()}
    if head in words or head.rstrip("s") in words:
        return True
    return head in _ANY_OFFICE and bool(words & (OFFICES | _ANY_OFFICE))


# What opens a clause set off by commas between a subject and its verb.
_PARENTHESIS_OPENERS = word_set("who whose which from near in of at originally")


def relative_clause_start(toks: list[Token], verb: int, floor: int) -> int | None:
    """Where a clause set off by commas right before the verb opens, at its comma: in
    "Ruben, who lost his farm, described it" or "Farmer Hayk Manukyan, from a village
    near Vardenis, said", the comma after the name."""
    i = verb - 1
    while i >= floor and toks[i].is_word and toks[i].lower in _AUXILIARIES:
        i -= 1
    if i < floor or toks[i].text != ",":
        return None
    for j in range(i - 1, max(floor, i - 16) - 1, -1):
        if toks[j].text == "," and j + 1 < i and toks[j + 1].lower in _PARENTHESIS_OPENERS:
            # "Elvin Huseynov, 41, whose daughters ...": an age before the clause too.
            if j - 2 >= floor and toks[j - 1].text.isdigit() and toks[j - 2].text == ",":
                return j - 2
            return j
        if not toks[j].is_word and toks[j].text != "-":
            return None
    return None


def sentence_subject(toks: list[Token], start: int, verb: int) -> list[Token]:
    """The name or role opening a sentence whose later verb shares it: "The mayor met
    residents and insisted", "Arman Petrosyan visited the camp and said"."""
    i = start
    while i < verb and toks[i].lower in ARTICLES:
        i += 1
    if i > start and i + 1 < verb and toks[i].text.islower() and toks[i + 1].text.islower():
        return [toks[i]]  # "The coach thanked the audience and promised"
    phrase: list[Token] = []
    while i < verb and toks[i].is_word and len(phrase) < _MAX_SUBJECT_WORDS:
        word = toks[i]
        known = word.lower in TITLES or looks_like_role(word.text)
        if not (is_capitalised(word.text) or known or word.lower in _CONNECTORS):
            break
        phrase.append(word)
        i += 1
    while phrase and phrase[-1].lower in _CONNECTORS:
        phrase.pop()
    titled = any(word.lower in TITLES for word in phrase)
    # One capitalised word is a name when a comma follows it: "Guliyev, who lost ...".
    named = len(phrase) == 1 and i < verb and toks[i].text == ","
    return phrase if phrase and (len(phrase) > 1 or titled or named) else []


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
    known = any(word in TITLES or word in _GROUP_NOUNS for word in words)
    return words[0][0].isdigit() or known or looks_like_role(head)
