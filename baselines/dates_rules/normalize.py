"""Calendar arithmetic and TIMEX3 value strings for the `rules` date tagger.

Directions: ``-1`` the nearest occurrence in the past, ``1`` the nearest coming one, ``0`` the
one of the DCT's year (or week), ``None`` whichever is nearest to the DCT (ties go to the
past). ``strict`` excludes the DCT's own day, month or season ("السبت المقبل" on a Saturday is
a week later).
"""

from __future__ import annotations

import datetime as dt

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
"""First month of each season (winter is labelled by the year its December falls in)."""
_DATE_UNITS = ("Y", "M", "W", "D")
_TIME_UNITS = (("H", "H"), ("MIN", "M"), ("S", "S"))
_YEARS_IN = {"DE": 10, "CE": 100}


def month_value(year: int, month: int) -> str:
    """``2021-12``."""
    return f"{year:04d}-{month:02d}"


def week_value(day: dt.date, weekend: bool = False) -> str:
    """The ISO week of ``day``: ``2021-W48``, or its weekend ``2021-W48-WE``."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}" + ("-WE" if weekend else "")


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) ``months`` later (or earlier when negative)."""
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _choose(deltas: list[tuple[int, object]], direction: int | None, strict: bool) -> object:
    """The candidate whose signed distance from the DCT fits the direction best."""
    if direction == -1:
        fit = [c for c in deltas if c[0] < 0 or (c[0] == 0 and not strict)]
        return max(fit, key=lambda c: c[0])[1] if fit else None
    if direction == 1:
        fit = [c for c in deltas if c[0] > 0 or (c[0] == 0 and not strict)]
        return min(fit, key=lambda c: c[0])[1] if fit else None
    return min(deltas, key=lambda c: (abs(c[0]), c[0] > 0))[1]


def weekday_date(dct: dt.date, weekday: int, direction: int | None, strict: bool) -> dt.date:
    """The date of an ISO weekday (Monday = 1) near the DCT; no direction means the past."""
    ahead = (weekday - dct.isoweekday()) % 7
    if direction == 1:
        return dct + dt.timedelta(days=ahead or (7 if strict else 0))
    behind = (dct.isoweekday() - weekday) % 7
    return dct - dt.timedelta(days=behind or (7 if strict else 0))


def nearest_weekday(day: dt.date, weekday: int) -> dt.date:
    """The date of an ISO weekday within three days of ``day``."""
    shift = (weekday - day.isoweekday()) % 7
    return day + dt.timedelta(days=shift if shift <= 3 else shift - 7)


def pick_day(dct: dt.date, month: int, day: int, direction: int | None,
             strict: bool = False) -> dt.date | None:
    """The year of a day and month with no year, chosen by direction; None if never valid."""
    deltas: list[tuple[int, object]] = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if direction == 0 and year == dct.year:
            return candidate
        deltas.append(((candidate - dct).days, candidate))
    if not deltas:
        return None
    chosen = _choose(deltas, None if direction == 0 else direction, strict)
    return chosen if isinstance(chosen, dt.date) else None


def pick_month(dct: dt.date, month: int, direction: int | None,
               strict: bool = False) -> tuple[int, int]:
    """(year, month) of a month named with no year, chosen by direction."""
    if direction == 0:
        return dct.year, month
    deltas: list[tuple[int, object]] = [((year - dct.year) * 12 + month - dct.month, year)
                                        for year in (dct.year - 1, dct.year, dct.year + 1)]
    year = _choose(deltas, direction, strict)
    return (year if isinstance(year, int) else dct.year), month


def period_value(dct: dt.date, unit: str, offset: int) -> str:
    """This (offset 0), the last (-1) or the next (1) year ``Y``, month ``M`` or week ``W``."""
    if unit == "Y":
        return f"{dct.year + offset:04d}"
    if unit == "M":
        return month_value(*add_months(dct.year, dct.month, offset))
    return week_value(dct + dt.timedelta(weeks=offset))


def season_value(dct: dt.date, code: str, direction: int | None) -> str:
    """The season ``code`` (SP, SU, FA, WI) last, next or now, as ``2021-SU``."""
    start_month = SEASON_START[code]
    spans = []
    for year in (dct.year - 2, dct.year - 1, dct.year, dct.year + 1):
        start = dt.date(year, start_month, 1)
        end_year, end_month = add_months(year, start_month, 3)
        spans.append((year, start, dt.date(end_year, end_month, 1)))
    if direction == -1:
        year = max(y for y, _, end in spans if end <= dct)
    elif direction == 1:
        year = min(y for y, start, _ in spans if start > dct)
    else:
        current = [y for y, start, end in spans if start <= dct < end]
        year = current[0] if current else min(y for y, start, _ in spans if start > dct)
    return f"{year:04d}-{code}"


def _amount(value: float | None) -> str:
    if value is None:
        return "X"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def duration_value(parts: list[tuple[str, float | None]]) -> str:
    """ISO 8601 duration for (unit, amount) parts; units CE DE Y M W D H MIN S (decades and
    centuries in years); a None amount is X."""
    total: dict[str, float | None] = {}
    for unit, amount in parts:
        if unit in _YEARS_IN:
            unit, amount = "Y", None if amount is None else amount * _YEARS_IN[unit]
        if unit in total and total[unit] is not None and amount is not None:
            total[unit] = (total[unit] or 0) + amount
        else:
            total[unit] = amount
    date_part = "".join(f"{_amount(total[u])}{u}" for u in _DATE_UNITS if u in total)
    time_part = "".join(f"{_amount(total[u])}{letter}" for u, letter in _TIME_UNITS
                        if u in total)
    return "P" + date_part + (f"T{time_part}" if time_part else "")


def split_fraction(unit: str, amount: float) -> list[tuple[str, float | None]]:
    """A fractional amount in whole smaller units where one exists (0.5 H -> 30 MIN)."""
    smaller = {"H": ("MIN", 60), "MIN": ("S", 60), "D": ("H", 24), "Y": ("M", 12)}
    whole, rest = divmod(amount, 1)
    if not rest or unit not in smaller:
        return [(unit, amount)]
    small, factor = smaller[unit]
    parts: list[tuple[str, float | None]] = [(unit, whole)] if whole else []
    return parts + [(small, rest * factor)]


def clock_value(hour: int, minute: int, period: str | None) -> str | None:
    """``HH:MM`` on the 24-hour clock for an hour read with a period word, or None."""
    if minute < 0:
        hour, minute = hour - 1, minute + 60
    if not 0 <= hour <= 24 or not 0 <= minute <= 59:
        return None
    if period == "am" and hour == 12:
        hour = 0
    elif (period == "pm" and hour < 12) or (period == "noon" and 1 <= hour <= 5):
        hour += 12
    elif period == "night":
        hour = 0 if hour == 12 else hour + 12 if 6 <= hour <= 11 else hour
    return f"{hour:02d}:{minute:02d}"
