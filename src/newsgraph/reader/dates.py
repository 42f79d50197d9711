"""Publication dates given by metadata or the user, normalised to ISO 8601."""

from __future__ import annotations

from datetime import date, datetime

__all__ = ["parse_published"]


def parse_published(value: object) -> str | None:
    """ISO date (``2021-12-15``) or date-time for ``value``; None if it is no date.

    Accepts ISO 8601 (with ``Z``), and RFC 2822 dates as feeds write them.
    A date-only value stays a date: precision is never invented.
    """
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime  # RFC 2822, as feeds write dates

    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        return None
