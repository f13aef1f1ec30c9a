"""Calendar recognizers of the `rules` date tagger: dates, months, years and weekdays.

A recognizer is called as ``rec(ctx, i, first, loose)``: ``i`` is the token it may start at,
``first`` that token's lookup form (with a proclitic removed when the caller tries that
reading), ``loose`` is True right after a modifier ("أواخر"، "نحو"), where bare period words
and bare years count. It returns a ``Found`` or None.
"""

from __future__ import annotations

import datetime as dt

from baselines.dates_rules.context import Ctx, Found
from baselines.dates_rules.normalize import (
    add_months,
    month_value,
    pick_day,
    pick_month,
    weekday_date,
)


def year_at(ctx: Ctx, k: int) -> tuple[int, int] | None:
    """(year, end) of a four-digit year at token ``k`` (a following م kept); None if Hijri."""
    year = ctx.num(k)
    if year is None or ctx.digits(k) != 4 or not 1000 <= year <= 2199:
        return None
    end = k + 1
    if ctx.w(end) in ctx.lex.words("hijri_suffixes") and ctx.joined(end):
        return None
    if ctx.adjacent(end) and ctx.w(end) in ctx.lex.words("year_suffixes"):
        end += 1
    return year, end


def year_part(ctx: Ctx, k: int) -> tuple[int, int, bool] | None:
    """(year, end, relative) of a year after a month: 2021, عام 2021, من العام الماضي ..."""
    j = k + 1 if ctx.t(k) == ctx.lex.word("of") else k
    relative = ctx.phrase(j, "relative_periods")
    if relative is not None and relative[0][0] == "Y" and ctx.joined(j):
        return ctx.dct.year + int(relative[0][1]), relative[1], True
    if ctx.t(j) in ctx.lex.words("year_words"):
        j += 1
    found = year_at(ctx, j) if ctx.joined(j) else None
    return (found[0], found[1], False) if found else None


def month_at(ctx: Ctx, i: int, first: str | None = None) -> tuple[int, int, bool] | None:
    """(month, end, double) of a month name, with a second name after / - or in brackets."""
    hit = ctx.phrase(i, "months", first)
    if hit is None:
        return None
    month, end = hit
    for opener, closer in (("/", ""), ("-", ""), ("(", ")")):
        if ctx.t(end) == opener and ctx.joined(end):
            second = ctx.phrase(end + 1, "months")
            if second and (not closer or ctx.t(second[1]) == closer):
                return int(month), second[1] + bool(closer), True
    return int(month), end, False


def adjective(ctx: Ctx, k: int) -> tuple[int, int] | None:
    """(direction, end) of a relative adjective at token ``k``: الماضي -1, المقبل 1, الجاري 0."""
    direction = ctx.lex.table("relative_adjectives").get(ctx.t(k))
    return None if direction is None or not ctx.joined(k) else (int(direction), k + 1)


def _ordinal(ctx: Ctx, k: int, first: str) -> tuple[int, int] | None:
    units, tens = ctx.lex.table("ordinals"), ctx.lex.table("ordinal_tens")
    if first in units:
        value, nxt = int(units[first]), ctx.t(k + 1)
        if nxt in tens and value < 10 and ctx.joined(k + 1):
            return value + int(tens[nxt]), k + 2
        return value, k + 1
    if first in tens and first.startswith(ctx.lex.word("article")):
        return int(tens[first]), k + 1
    return None


def resolve_day(ctx: Ctx, i: int, k: int, month: int, day: int) -> Found | None:
    """A day and month ending before token ``k``, with the year that follows or a chosen one."""
    year = year_part(ctx, k)
    if year is not None:
        try:
            date = dt.date(year[0], month, day)
        except ValueError:
            return None
        return Found(year[1], "DATE", date.isoformat(), anchor="dct" if year[2] else None,
                     day=date, calendar=True)
    adj = adjective(ctx, k)
    direction, strict, end = (adj[0], adj[0] != 0, adj[1]) if adj else (ctx.tense(i, k), False, k)
    found = pick_day(ctx.dct, month, day, direction, strict)
    nearest = pick_day(ctx.dct, month, day, None)
    if adj is None and nearest and abs((nearest - ctx.dct).days) <= ctx.lex.tense("slack_days"):
        found = nearest  # a few days off the DCT whatever the tense says
    if found is None:
        return None
    return Found(end, "DATE", found.isoformat(), anchor="dct", day=found, calendar=True)


def _day_of_relative_month(ctx: Ctx, k: int, day: int) -> Found | None:
    """"20 الشهر الجاري"، "5 من الشهر المقبل": a day of a month counted from the DCT."""
    hit = ctx.phrase(k, "relative_periods") if ctx.joined(k) else None
    if hit is None or hit[0][0] != "M":
        return None
    try:
        date = dt.date(*add_months(ctx.dct.year, ctx.dct.month, int(hit[0][1])), day)
    except ValueError:
        return None
    return Found(hit[1], "DATE", date.isoformat(), anchor="dct", day=date, calendar=True)


def day_month(ctx: Ctx, i: int, first: str, loose: bool = False) -> Found | None:
    """"7 ديسمبر"، "يوم 10 يناير / كانون الثاني 2022"، "السابع من فبراير الجاري"."""
    k, head = (i + 1, ctx.t(i + 1)) if first == ctx.lex.word("day") else (i, first)
    number = ctx.num(k)
    if number is not None:
        day = (number, k + 1) if 1 <= number <= 31 and ctx.digits(k) <= 2 else None
    else:
        day = _ordinal(ctx, k, head)
    if day is None:
        return None
    if ctx.t(day[1]) == ctx.lex.word("of"):
        day = day[0], day[1] + 1
    elif number is None:
        return None
    month = month_at(ctx, day[1]) if ctx.joined(day[1]) else None
    if month is None:
        return _day_of_relative_month(ctx, day[1], day[0])
    return resolve_day(ctx, i, month[1], month[0], day[0])


def month_day(ctx: Ctx, i: int, first: str, loose: bool = False) -> Found | None:
    """English order: "December 7", "December 7, 2021"."""
    month = month_at(ctx, i, first) if first.isascii() else None
    if month is None:
        return None
    number, k = ctx.num(month[1]), month[1] + 1
    if number is None or not 1 <= number <= 31 or ctx.digits(month[1]) > 2:
        return None
    if ctx.t(k) == "," and ctx.digits(k + 1) == 4:
        k += 1
    return resolve_day(ctx, i, k, month[0], number)


def month_expr(ctx: Ctx, i: int, first: str, loose: bool = False) -> Found | None:
    """"نوفمبر"، "شهر ديسمبر"، "يونيو/ حزيران 2021"، "فبراير الماضي"، "ديسمبر من العام الماضي"."""
    named = first == ctx.lex.word("month")
    k, head = (i + 1, ctx.t(i + 1)) if named else (i, first)
    found = month_at(ctx, k, head) if ctx.joined(k) or not named else None
    if found is None:
        return None
    month, k, double = found
    year = year_part(ctx, k)
    if year is not None:
        return Found(year[1], "DATE", month_value(year[0], month),
                     anchor="dct" if year[2] else None)
    adj = adjective(ctx, k)
    sure = (adj or double or loose or named or head not in ctx.lex.words("ambiguous_months")
            or ctx.prev_in(i, "month_context"))
    if not sure:
        return None
    direction, strict, end = (adj[0], adj[0] != 0, adj[1]) if adj else (ctx.tense(i, k), False, k)
    return Found(end, "DATE", month_value(*pick_month(ctx.dct, month, direction, strict)),
                 anchor="dct")


def year_expr(ctx: Ctx, i: int, first: str, loose: bool = False) -> Found | None:
    """"عام 2014"، "العام 2014"، and a bare year after في، منذ، حتى ... or a modifier."""
    if first in ctx.lex.words("year_words"):
        k = i + 1
    elif ctx.num(i) is not None and (loose or ctx.prev_in(i, "year_context")):
        k = i
    else:
        return None
    found = year_at(ctx, k) if ctx.joined(k) or k == i else None
    if found is None or (k == i and not 1900 <= found[0] <= 2100):
        return None
    return Found(found[1], "DATE", f"{found[0]:04d}")


def numeric_date(ctx: Ctx, i: int, first: str, loose: bool = False) -> Found | None:
    """"12/2/2022" (day first), "2022-02-12"."""
    parts, k = [ctx.num(i)], i + 1
    separator = ctx.t(k)
    if parts[0] is None or separator not in ("/", "-", "."):
        return None
    for _ in range(2):
        if ctx.t(k) != separator or not ctx.adjacent(k) or not ctx.adjacent(k + 1):
            return None
        parts.append(ctx.num(k + 1))
        k += 2
    if None in parts:
        return None
    if ctx.digits(i) == 4:
        year, month, day = parts
    elif ctx.digits(k - 1) == 4:
        day, month, year = parts
    else:
        return None
    try:
        date = dt.date(int(year or 0), int(month or 0), int(day or 0))
    except ValueError:
        return None
    return Found(k, "DATE", date.isoformat(), day=date, calendar=True)


def weekday_expr(ctx: Ctx, i: int, first: str, loose: bool = False) -> Found | None:
    """"الجمعة"، "يوم الجمعة"، "الأحد المقبل"، "الأحد 7 ديسمبر" (one span)."""
    k, head = (i + 1, ctx.w(i + 1)) if first == ctx.lex.word("day") else (i, first)
    weekday = ctx.lex.table("weekdays").get(head)
    if weekday is None or (k > i and not ctx.joined(k)):
        return None
    if k == i and ctx.prev_in(i, "weekday_not_after"):
        return None
    k += 1
    if ctx.joined(k):
        dated = day_month(ctx, k, ctx.t(k)) or month_day(ctx, k, ctx.t(k))
        if dated is not None:
            return dated
    adj = adjective(ctx, k)
    if adj and adj[0]:
        direction, strict, k = adj[0], True, adj[1]
    else:
        direction, strict = ctx.tense(i, k) or -1, False
    date = weekday_date(ctx.dct, int(weekday), direction, strict)
    return Found(k, "DATE", date.isoformat(), anchor="dct", day=date, calendar=True)


CALENDAR = (numeric_date, day_month, month_day, month_expr, year_expr, weekday_expr)
"""The recognizers of this module, tried at every token."""
