"""Calendar dates written in the text: "25 November", "November 9", "24 to 25 novembre"."""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Iterable

from .document import Document
from .months import WEEKDAYS, month_in_prose
from .textutil import Token, sentence_start

_DAY_RE = re.compile(r"^([0-9]{1,2})(?:st|nd|rd|th|er|re|e)?$", re.IGNORECASE)
# A hyphenated range is one word to the tokenizer: "9-10".
_DAY_RANGE_RE = re.compile(r"^([0-9]{1,2})-([0-9]{1,2})$")
_NEAR_FUTURE_DAYS = 92
_JUST_PAST_DAYS = 31
_UNTIL_RE = re.compile(r"\b(?:until|till|jusqu|d'ici)\b", re.IGNORECASE)
_YEAR_RE = re.compile(r"^[12][0-9]{3}$")
# "by 30 June", "by June": a deadline, which looks ahead when the sentence does.
_BY_DAY_RE = re.compile(r"\bby\s+(?:[0-9]{1,2}(?:st|nd|rd|th)?\s+)?$", re.IGNORECASE)
_FUTURE_RE = re.compile(
    r"\b(?:due|will|expected|scheduled|should|must|shall|deadline)\b", re.IGNORECASE
)
# A verb in the future: English "will"/"shall", a French future ("présentera",
# "ouvriront", "aura lieu"), lower-case so that no name ("Elmira") counts.
_PLAN_RE = re.compile(
    r"\b(?:will|shall|sera|seront|aura|auront|[a-zéèêûôî]+(?:era|eront|ira|iront|rons))\b"
)
_PLAN_WINDOW = 80
# Words and marks that join the two days of a range: "24 to 25", "9-10", "du 24 au 25".
_RANGE_JOINERS = frozenset({"to", "and", "or", "through", "until", "till", "au", "et", "-", "–"})


def dates_mentioned(
    texts: Iterable[str], published: datetime.date, document: Document | None = None
) -> list[datetime.date]:
    """Every explicit day-and-month date, sorted and unique, with the year inferred."""
    found: set[datetime.date] = set()
    document = Document.of(texts, document)
    for index, text in enumerate(document.texts):
        hints = document.month_starts(index)
        if not hints:
            continue  # most texts name no month at all, and then need no tokens
        found.update(_dates_in(text, document.tokens(index), hints, published))
    return sorted(found)


def closest_year(
    month: int, day: int, published: datetime.date, ahead: bool = False
) -> datetime.date | None:
    """The date with that day and month nearest publication that news would mean, if
    the day exists."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(datetime.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    # News tells of what happened, and of what is set for the coming weeks: a
    # date is the next one only when that is near, else the last one before.
    # "until 31 August" looks ahead, however far.
    near = 366 if ahead else _NEAR_FUTURE_DAYS
    upcoming = [d for d in candidates if 0 <= (d - published).days <= near]
    past = [d for d in candidates if d <= published]
    if ahead and past and (published - max(past)).days <= _JUST_PAST_DAYS:
        # "lasted until 11 June", published on 14 June: what has just ended, not
        # the same day a year on.
        return max(past)
    return upcoming[0] if upcoming else max(past) if past else min(candidates)


def _day(token: Token | None) -> int | None:
    if token is None:
        return None
    found = _DAY_RE.match(token.text)
    if found is None:
        return None
    value = int(found.group(1))
    return value if 1 <= value <= 31 else None


def _days(token: Token | None) -> list[int]:
    """The day, or the two days of a hyphenated range, a token writes."""
    if token is None:
        return []
    found = _DAY_RANGE_RE.match(token.text)
    if found is None:
        day = _day(token)
        return [day] if day is not None else []
    first, second = int(found.group(1)), int(found.group(2))
    return [first, second] if 1 <= first < second <= 31 else []


def _is_month(token: Token) -> bool:
    return token.is_word and month_in_prose(token.text) is not None


def _adjacent(text: str, left: Token, right: Token) -> bool:
    """Whether only spaces separate two tokens (a number across a comma is another thing)."""
    return not text[left.end : right.start].strip()


def _dates_in(
    text: str, toks: list[Token], hints: list[int], published: datetime.date
) -> list[datetime.date]:
    """The dates of one text; ``hints`` are where a word naming a month may start
    (see ``Document.month_starts``), so no other word is looked at."""
    results: list[datetime.date] = []
    ended: dict[int, datetime.date] = {}  # the last date of each month token
    for at in hints:
        index = bisect.bisect_left(toks, at, key=_start)
        if index == len(toks) or toks[index].start != at:
            continue
        tok = toks[index]
        if not tok.is_word:
            continue
        month = month_in_prose(tok.text)
        if month is None:
            continue
        days, after = _days_before(text, toks, index)
        if not days:
            days, after = _days_after(text, toks, index)
        if not days:
            continue
        year = _year_after(text, toks, after)
        ahead = _UNTIL_RE.search(text, max(0, tok.start - 30), tok.start) is not None
        ahead = ahead or _deadline(text, tok.start) or _future_plan(text, tok.start)
        # "from 20 May to 31 August": the end of a range comes after its start.
        opening = _range_start(text, toks, index)
        start = ended.get(opening) if opening is not None else None
        for position, day in enumerate(days):
            if year is not None:
                try:
                    results.append(datetime.date(year, month, day))
                except ValueError:
                    continue
            else:
                inferred = closest_year(month, day, published, ahead)
                if position and results:
                    # "between 2 and 30 October", "on 4, 8 and 11 June": the days of
                    # one range or list follow its first day, in its year.
                    inferred = _on_or_after(month, day, results[-1])
                elif inferred is not None and start is not None and inferred < start:
                    inferred = _on_or_after(month, day, start)
                if inferred is not None:
                    results.append(inferred)
        if results:
            ended[index] = results[-1]
    return results


def _deadline(text: str, month_at: int) -> bool:
    """Whether the date at ``month_at`` is a deadline still to come: "due to be filled
    by 30 June", "will be finished by June 30". A "by" alone looks back as often
    ("transferred by 25 November"), so the sentence must also speak of the future."""
    before = text[max(0, month_at - 16) : month_at]
    if _BY_DAY_RE.search(before) is None:
        return False
    return _FUTURE_RE.search(text, sentence_start(text, month_at), month_at) is not None


def _future_plan(text: str, month_at: int) -> bool:
    """Whether the sentence sets the date at ``month_at`` for what is still to come: "the
    estate will show its wines from 12 to 15 October", "présentera ... du 12 au 15
    octobre". The future verb must come shortly before the date."""
    before = text[max(sentence_start(text, month_at), month_at - _PLAN_WINDOW) : month_at]
    return _PLAN_RE.search(before) is not None


def _range_start(text: str, toks: list[Token], month_index: int) -> int | None:
    """The month token of the date opening a range that ends at this one: the "May"
    of "from 20 May to 31 August" or of "entre le 30 septembre et le 4 octobre"."""
    at = _previous(text, toks, month_index, skip_weekday=False)
    if at is None or _day(toks[at]) is None:
        return None
    at = _previous(text, toks, at)
    if at is not None and toks[at].lower in ("the", "le"):
        at = _previous(text, toks, at)
    if at is None or toks[at].lower not in _RANGE_JOINERS:
        return None
    at = _previous(text, toks, at)
    if at is not None and _YEAR_RE.match(toks[at].text):
        at = _previous(text, toks, at)
    return at if at is not None and _is_month(toks[at]) else None


def _on_or_after(month: int, day: int, start: datetime.date) -> datetime.date | None:
    """The first date with that day and month from ``start`` on, if the day exists."""
    for year in (start.year, start.year + 1):
        try:
            found = datetime.date(year, month, day)
        except ValueError:
            continue
        if found >= start:
            return found
    return None


def _start(token: Token) -> int:
    return token.start


def _previous(text: str, toks: list[Token], index: int, skip_weekday: bool = True) -> int | None:
    """Index of the token before ``index`` when only spaces separate them."""
    prev = index - 1
    if prev < 0 or not _adjacent(text, toks[prev], toks[prev + 1]):
        return None
    if skip_weekday and toks[prev].lower in WEEKDAYS:
        return _previous(text, toks, prev, skip_weekday=False)
    return prev


def _days_before(text: str, toks: list[Token], month_index: int) -> tuple[list[int], int]:
    """Days written before the month: "25 November", "Tuesday 24 to Wednesday 25 November"."""
    at = _previous(text, toks, month_index, skip_weekday=False)
    if at is not None and toks[at].lower in ("of", "de", "the"):
        at = _previous(text, toks, at, skip_weekday=False)
    days = _days(toks[at]) if at is not None else []
    if not days or at is None:
        return [], month_index
    day = days[0]
    at = _previous(text, toks, at, skip_weekday=False)
    if at is not None and toks[at].lower in ("the", "le"):
        at = _previous(text, toks, at, skip_weekday=False)
    if at is not None and toks[at].lower in WEEKDAYS:
        at = _previous(text, toks, at, skip_weekday=False)
    if at is not None and toks[at].lower in _RANGE_JOINERS:
        first_at = _previous(text, toks, at)
        first = _day(toks[first_at]) if first_at is not None else None
        # "December 1 and 30 November": a day right after another month is that month's.
        before_first = _previous(text, toks, first_at) if first_at is not None else None
        owned = before_first is not None and _is_month(toks[before_first])
        if first is not None and first < day and not owned:
            days.insert(0, first)
            days[:0] = _listed_days_before(text, toks, first_at, first)
    return days, month_index


def _listed_days_before(text: str, toks: list[Token], at: int, first: int) -> list[int]:
    """The earlier days of a list ending "... 11 and 17 October": "4, 8" before ``at``."""
    found: list[int] = []
    while (comma := _previous(text, toks, at, skip_weekday=False)) is not None:
        earlier_at = _previous(text, toks, comma, skip_weekday=False)
        if toks[comma].text != "," or earlier_at is None:
            break
        earlier = _day(toks[earlier_at])
        before = _previous(text, toks, earlier_at)
        # "on 30 September, 4 and 8 October": a day after a month is that month's.
        if earlier is None or earlier >= first or (before is not None and _is_month(toks[before])):
            break
        found.insert(0, earlier)
        first, at = earlier, earlier_at
    return found


def _days_after(text: str, toks: list[Token], month_index: int) -> tuple[list[int], int]:
    """Days written after the month: "November 9", "November 9-10"."""
    at = month_index + 1
    if at < len(toks) and toks[at].text == "." and _adjacent(text, toks[at - 1], toks[at]):
        at += 1  # "Nov. 9"
    if at >= len(toks) or not _adjacent(text, toks[at - 1], toks[at]):
        return [], month_index
    days = _days(toks[at])
    if not days:
        return [], month_index
    # "November 9 and 10", "May 1, 9 and 28": the days after it, each later than the
    # last; a list with commas counts only when a joiner closes it, as "June 5, 20
    # people" is no list.
    listed: list[int] = []
    joiner = at + 1
    while joiner + 1 < len(toks) and (
        toks[joiner].text == "," or toks[joiner].lower in _RANGE_JOINERS
    ):
        following = _day(toks[joiner + 1])
        # "November 30 and 1 December": a day right before another month is that month's.
        owned = joiner + 2 < len(toks) and _is_month(toks[joiner + 2])
        adjacent = _adjacent(text, toks[joiner], toks[joiner + 1])
        last = listed[-1] if listed else days[-1]
        if following is None or following <= last or not adjacent or owned:
            break
        listed.append(following)
        if toks[joiner].text != ",":
            days.extend(listed)
            listed, at = [], joiner + 1
            break
        joiner += 2
    return days, at


def _year_after(text: str, toks: list[Token], at: int) -> int | None:
    """An explicit year right after the date: "25 November 2020", "November 9, 2020"."""
    nxt = at + 1
    if nxt < len(toks) and toks[nxt].text == ",":
        nxt += 1
    if nxt < len(toks) and _YEAR_RE.match(toks[nxt].text):
        follow = nxt + 1
        # "November 25, 2,000 people": a digit group after a comma is no year.
        if (
            follow + 1 < len(toks)
            and toks[follow].text == ","
            and toks[follow + 1].text.isdigit()
            and _adjacent(text, toks[follow], toks[follow + 1])
        ):
            return None
        return int(toks[nxt].text)
    return None
