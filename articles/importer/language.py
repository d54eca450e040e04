"""Which language a caption or an article is written in, told by its commonest small words."""

from __future__ import annotations

import re

from .textutil import word_set

# Short, frequent function words that tell these languages apart; a word shared by
# two lists counts for both, and the other words decide.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": word_set(
        "the of and a an in to is are was were their his her its with for on by that "
        "from at as some it this these those have has had be been they which who "
        "rather than into after before during near across behind around"
    ),
    "fr": word_set(
        "le la les des du de et un une leur leurs dans est sont que qui pour par sur au "
        "aux avec ont ce cette ces plus pas ne se sa son ses plutôt lors après avant "
        "été était il elle ils elles d l"
    ),
    "de": word_set(
        "der die das und ein eine einer ist sind nicht mit für auf dem den des im in am zu "
        "zum zur von bei nach vor aus sich wurde werden auch neue neuen"
    ),
    "es": word_set(
        "el la los las y un una es son en con por para del al que se su sus como más fue han tras"
    ),
    "tr": word_set("ve bir bu da de ile için olarak olan gibi daha çok en ama sonra önce"),
    "az": word_set("və bir bu da də ilə üçün olaraq olan kimi daha çox ən amma sonra"),
}
# Verb forms only one of the two Turkic languages writes ("edir" against "ediyor"):
# each tells as much as a letter of its alphabet.
_TURKIC_VERBS: dict[str, frozenset[str]] = {
    "az": word_set("edir etdi edib edəcək olunur olundu olub deyil"),
    "tr": word_set("ediyor etti edecek ediliyor değil"),
}
_WORD_RE = re.compile(r"[^\W\d_]+")
_SCRIPTS = (("ru", "\u0400", "\u04ff"), ("hy", "\u0530", "\u058f"), ("ka", "\u10a0", "\u10ff"))
# Any character of each script: a text with none of them is not in that script.
_SCRIPT_RES = {lang: re.compile(f"[{low}-{high}]") for lang, low, high in _SCRIPTS}
# Letters of the Turkish and Azerbaijani alphabets that English and French lack.
_TURKIC_LETTERS = frozenset("çşğıöü")
# "-dakı"/"-takı" ending a word after its stem ("yanındakı"): Azerbaijani only.
_HARMONISED_KI_RE = re.compile(r"[^\W\d_][dt]akı(?![^\W\d_])")
# Every language the rules above can tell: what editors choose an article's language from.
KNOWN_LANGUAGES: tuple[str, ...] = (*_STOPWORDS, *(lang for lang, _, _ in _SCRIPTS))


def is_small_word(word: str) -> bool:
    """Whether the word is one of the small words of some language ("The", "Dans"):
    only the word lists count, so a name with a letter of some alphabet ("Səfərov")
    is no small word."""
    return any(word.lower() in vocab for vocab in _STOPWORDS.values())


def has_small_word_of(text: str, lang: str) -> bool:
    """Whether the text uses one of that language's small words ("near", "dans")."""
    vocab = _STOPWORDS.get(lang, frozenset())
    return any(word.lower() in vocab for word in _WORD_RE.findall(text))


def script_of(word: str) -> str:
    """The script a word is written in: "ru", "hy" or "ka" for those alphabets, "latin"
    for any other (Latin letters with their accents, "ə" included)."""
    for lang, low, high in _SCRIPTS:
        if any(low <= ch <= high for ch in word):
            return lang
    return "latin"


def language_scores(text: str) -> dict[str, int]:
    """How many of the text's words are small words of each language."""
    found = list(map(str.lower, _WORD_RE.findall(text)))
    scores = {lang: sum(map(vocab.__contains__, found)) for lang, vocab in _STOPWORDS.items()}
    letters: list[str] | None = None
    for lang, low, high in _SCRIPTS:
        if not _SCRIPT_RES[lang].search(text):
            continue  # most captions: no letter of the script to count
        if letters is None:
            letters = [ch for ch in text if ch.isalpha()]
        share = sum(low <= ch <= high for ch in letters)
        # A caption in another script is that script's language, whatever Latin it quotes.
        if letters and share * 2 > len(letters):
            scores[lang] = len(found) + 1
    # Letters only these alphabets have: "ə" is Azerbaijani's, and so are "q" and
    # "x" among Turkic letters, which Turkish lacks ("qarşısında", "Kitabxananın");
    # dotless "ı" without them is Turkish ("yakınında").
    for lang, verbs in _TURKIC_VERBS.items():
        scores[lang] += 2 * sum(map(verbs.__contains__, found))
    # Letters count in the text's own words: a name ("Kəlbəcər") is written so in any
    # language, so a capitalised word past the first tells nothing.
    lowered = text.lower()
    if any(ch in _TURKIC_LETTERS or ch == "ə" for ch in lowered):
        first, *rest = text.split(maxsplit=1) or [""]
        lowered = " ".join([first, *(w for w in "".join(rest).split() if not w[:1].isupper())])
        lowered = lowered.lower()
    if "ə" in lowered:
        scores["az"] += 2 * lowered.count("ə")
    elif "ı" in lowered:
        scores[_turkic(lowered)] += 2 * lowered.count("ı")
    elif not any(scores.values()) and any(ch in _TURKIC_LETTERS for ch in lowered):
        # No small word tells, but letters of a Turkic alphabet do: "Bahçeden gelen".
        scores[_turkic(lowered)] += 1
    return scores


def _turkic(lowered: str) -> str:
    """Which of the two Turkic languages a text with their letters is written in:
    Azerbaijani has "q" and "x", and its "-dakı" follows the vowel before it, where
    Turkish always writes "-daki" ("yanındakı" against "yanındaki")."""
    harmonised = _HARMONISED_KI_RE.search(lowered) is not None
    verbs = _TURKIC_VERBS["az"].intersection(_WORD_RE.findall(lowered))
    return "az" if "q" in lowered or "x" in lowered or harmonised or verbs else "tr"


def ranked_languages(text: str) -> list[str]:
    """Languages whose small words the text uses, most used first (English first on ties)."""
    scores = language_scores(text)
    positive = [lang for lang, score in scores.items() if score > 0]
    return sorted(positive, key=lambda lang: (-scores[lang], lang != "en", lang != "fr"))


def language_of(text: str, default: str = "en") -> str:
    """The text's most likely language, or ``default`` when no small word tells."""
    ranked = ranked_languages(text)
    return ranked[0] if ranked else default
