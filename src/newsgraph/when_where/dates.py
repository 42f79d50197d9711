"""Event dates: expressions in a sentence resolved against the publication date.

Handles what news writes: weekdays ("on Wednesday" is the latest Wednesday
on or before publication), "today", "yesterday", "last week/month/year",
"earlier this week/month", day and month ("December 15th", "15 December",
"Dec. 15", with a year or not) and bare years ("in 2014", which marks a
background event when it is before the publication year). With no expression
the event takes the publication date; with no publication date it stays
unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["DateFinding", "find_date", "first_full_date"]

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {m: i + 1 for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july",
                                            "august", "september", "october", "november", "december"])}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_PATTERNS = [
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_YEAR}", re.I)),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}", re.I)),
    ("weekday", re.compile(r"\b(?:on\s+|last\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)),
    ("relative", re.compile(r"\b(?P<rel>today|tonight|this morning|this afternoon|this evening|yesterday|"
                            r"last (?:week|month|year)|earlier this (?:week|month|year)|"
                            r"(?:a|one|two|three) (?:days?|weeks?) ago)\b", re.I)),
    ("year", re.compile(r"\b(?:in|since|during|by)\s+(?P<year>(?:19|20)\d\d)\b", re.I)),
]
_AGO = {"a": 1, "one": 1, "two": 2, "three": 3}
# An event dated more than this many days before publication is background, not news of the day.
HISTORICAL_DAYS = 90


@dataclass(frozen=True)
class DateFinding:
    date: str | None  # ISO date, or a year for background events
    text: str | None  # the expression found
    source: str | None  # "text" | "published"
    historical: bool


def _relative(expr: str, published: date) -> date:
    expr = expr.lower()
    if expr == "yesterday":
        return published - timedelta(days=1)
    if expr.startswith("last week") or expr.startswith("earlier this week"):
        return published - timedelta(days=7 if expr.startswith("last") else 2)
    if expr.startswith("last month"):
        return (published.replace(day=1) - timedelta(days=1)).replace(day=1)
    if expr.startswith("earlier this month"):
        return published.replace(day=1)
    if expr.startswith("last year"):
        return date(published.year - 1, 1, 1)
    if expr.startswith("earlier this year"):
        return date(published.year, 1, 1)
    if expr.endswith("ago"):
        n, unit = expr.split()[:2]
        return published - timedelta(days=_AGO.get(n, 1) * (7 if unit.startswith("week") else 1))
    return published


def _day_month(m: re.Match[str], published: date | None) -> tuple[date | None, bool]:
    month = _MONTHS[m.group("month").lower().rstrip(".")[:3]]
    day = int(m.group("day"))
    year = int(m.group("year")) if m.group("year") else (published.year if published else None)
    if year is None:
        return None, False
    try:
        found = date(year, month, day)
    except ValueError:
        return None, False
    if not m.group("year") and published and found > published + timedelta(days=7):
        try:
            found = found.replace(year=year - 1)
        except ValueError:  # 29 February of a year that had none
            found = found.replace(year=year - 1, day=28)
    historical = bool(published and (published - found).days > HISTORICAL_DAYS)
    return found, historical


def find_date(sentence: str, published: date | None) -> DateFinding:
    """The date of an event told in ``sentence``."""
    try:
        return _find_date(sentence, published)
    except (OverflowError, ValueError):  # arithmetic past the calendar's ends (year 1, year 9999)
        return DateFinding(None, None, None, False)


def _find_date(sentence: str, published: date | None) -> DateFinding:
    for kind, pattern in _PATTERNS:
        m = pattern.search(sentence)
        if m is None:
            continue
        text = m.group(0)
        if kind == "year":
            year = int(m.group("year"))
            if published and (year < published.year - 1 or (year < published.year and published.month > 3)):
                return DateFinding(str(year), text, "text", True)
            continue
        if kind in ("month_day", "day_month"):
            found, historical = _day_month(m, published)
            if found:
                return DateFinding(found.isoformat(), text, "text", historical)
            continue
        if published is None:
            return DateFinding(None, text, None, False)
        if kind == "weekday":
            back = (published.weekday() - _WEEKDAYS.index(m.group("weekday").lower())) % 7
            return DateFinding((published - timedelta(days=back)).isoformat(), text, "text", False)
        return DateFinding(_relative(m.group("rel"), published).isoformat(), text, "text", False)
    if published is None:
        return DateFinding(None, None, None, False)
    return DateFinding(published.isoformat(), None, "published", False)


def first_full_date(text: str) -> date | None:
    """The first date with day, month and year the text gives ("on 15 December 2021"): the
    stand-in for a publication date an article does not carry."""
    best: tuple[int, date] | None = None
    for kind, pattern in _PATTERNS[:2]:
        for m in pattern.finditer(text):
            if m.group("year"):
                found, _ = _day_month(m, None)
                if found and (best is None or m.start() < best[0]):
                    best = (m.start(), found)
                break
    return best[1] if best else None
