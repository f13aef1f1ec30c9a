"""Relative recognizers of the `rules` date tagger: days, weeks, months and years counted from
the DCT or from an earlier date, parts of the day, seasons and holidays.

Each is called as ``rec(ctx, i, first, loose)`` like those of ``dates_rules.calendar``.
"""

from __future__ import annotations

import datetime as dt

from baselines.dates_rules.calendar import adjective, day_month, month_day, weekday_expr, year_part
from baselines.dates_rules.context import Ctx, Found
from baselines.dates_rules.lexicon import readings
from baselines.dates_rules.normalize import (
    nearest_weekday,
    period_value,
    pick_day,
    season_value,
    week_value,
)


def relative_day(ctx: Ctx, i: int, first: str, loose: bool = False) -> Found | None:
    """"اليوم"، "أمس"، "الغد"، "بعد غد"، "أول أمس"; with the weekday after: "اليوم السبت"."""
    hit = ctx.phrase(i, "relative_days", first)
    if hit is None or (ctx.joined(hit[1]) and ctx.t(hit[1]) in ctx.lex.words("today_not_before")):
        return None
    offset, k = hit
    date = ctx.dct + dt.timedelta(days=int(offset))
    weekday = ctx.lex.table("weekdays").get(ctx.w(k)) if ctx.joined(k) else None
    if weekday is not None:
        date, k = nearest_weekday(date, int(weekday)), k + 1
    return Found(k, "DATE", date.isoformat(), anchor="dct", day=date)


def anchored_day(ctx: Ctx, i: int, first: str, loose: bool = False) -> Found | None:
    """"اليوم التالي"، "اليوم السابق"، "نفس اليوم": from the latest date named before."""
    hit = ctx.phrase(i, "anchored_days", first)
    if hit is None:
        return None
    base = ctx.last_anchor()
    anchor, day = (base[0], base[1]) if base else ("dct", ctx.dct)
    date = day + dt.timedelta(days=int(hit[0]))
    return Found(hit[1], "DATE", date.isoformat(), anchor=anchor, day=date, calendar=True)


def holiday(ctx: Ctx, i: int, first: str, loose: bool = False) -> Found | None:
    """"عيد رأس السنة" (1 January), "عيد الميلاد" (25 December): the nearest, or by tense."""
    hit = ctx.phrase(i, "holidays", first)
    if hit is None:
        return None
    (month, day), k = hit
    adj = adjective(ctx, k)
    direction, strict, end = (adj[0], adj[0] != 0, adj[1]) if adj else (ctx.tense(i, k), False, k)
    date = pick_day(ctx.dct, int(month), int(day), direction, strict)
    if date is None:
        return None
    return Found(end, "DATE", date.isoformat(), anchor="dct", day=date, calendar=True,
                 kind="holiday")


def day_core(ctx: Ctx, i: int, first: str) -> Found | None:
    """The longest expression naming one day that starts at token ``i``."""
    found = [rec(ctx, i, first, False) for rec in (relative_day, anchored_day, weekday_expr,
                                                    day_month, month_day, holiday)]
    days = [f for f in found if f is not None and f.day is not None]
    return max(days, key=lambda f: f.end) if days else None


def part_of_day(ctx: Ctx, i: int, first: str, loose: bool = False) -> Found | None:
    """"مساء السبت"، "صباح اليوم"، "ليلة أمس"، "ليلة رأس السنة" (its eve) -> TIME."""
    hit = ctx.phrase(i, "parts_of_day", first)
    if hit is None or not ctx.joined(hit[1]):
        return None
    code, k = hit
    day = day_core(ctx, k, ctx.t(k))
    if day is None or day.day is None:
        return None
    date = day.day
    if day.kind == "holiday" and first in ctx.lex.words("eve_words"):
        date -= dt.timedelta(days=1)
    return Found(day.end, "TIME", f"{date.isoformat()}T{code}", anchor=day.anchor, day=date,
                 calendar=day.calendar)


def part_standalone(ctx: Ctx, i: int, first: str, loose: bool = False) -> Found | None:
    """"الليلة"، "الليلة الماضية"، "هذا المساء" -> TIME on the DCT's day (or the day before)."""
    hit = ctx.phrase(i, "parts_of_day_standalone", first)
    if hit is None:
        return None
    (offset, code), k = hit
    date = ctx.dct + dt.timedelta(days=int(offset))
    return Found(k, "TIME", f"{date.isoformat()}T{code}", anchor="dct", day=date)


def _after_definite_noun(ctx: Ctx, i: int) -> bool:
    """True when the word before token ``i`` is definite, proclitic or not (not إلى: الي)."""
    article = ctx.lex.word("article")
    return ctx.joined(i) and any(form.startswith(article) and len(form) > 3
                                 for _, form in readings(ctx.toks[i - 1]))


def relative_period(ctx: Ctx, i: int, first: str, loose: bool = False) -> Found | None:
    """"هذا الشهر"، "الأسبوع الماضي"، "العام المقبل"، bare "الأسبوع"; "العام" after a modifier."""
    hit = ctx.phrase(i, "relative_periods", first)
    if hit is None:
        unit = ctx.lex.table("bare_periods").get(first) if loose else None
        return None if unit is None else Found(i + 1, "DATE", period_value(ctx.dct, unit, 0),
                                               anchor="dct")
    (unit, offset), k = hit
    homograph = first == ctx.t(i) and first in ctx.lex.words("period_homographs")
    if homograph and not loose and _after_definite_noun(ctx, i):
        return None  # "الأمين العام المقبل": the adjective "general"
    if k == i + 1 and ctx.joined(k) and ctx.t(k) in ctx.lex.words("week_not_before"):
        return None
    return Found(k, "DATE", period_value(ctx.dct, unit, int(offset)), anchor="dct")


def weekend(ctx: Ctx, i: int, first: str, loose: bool = False) -> Found | None:
    """"عطلة نهاية الأسبوع" -> 2021-W48-WE: this week's, or the last one in the past tense."""
    hit = ctx.phrase(i, "weekend", first)
    if hit is None:
        return None
    k = hit[1]
    adj = adjective(ctx, k)
    if adj and adj[0]:
        base, k = ctx.dct + dt.timedelta(weeks=adj[0]), adj[1]
    elif ctx.dct.isoweekday() < 6 and ctx.tense(i, k) == -1:
        base = ctx.dct - dt.timedelta(weeks=1)
    else:
        base = ctx.dct
    return Found(k, "DATE", week_value(base, weekend=True), anchor="dct")


def season(ctx: Ctx, i: int, first: str, loose: bool = False) -> Found | None:
    """"الصيف الماضي"، "هذا الشتاء"، "صيف 2021"; a bare season is not tagged."""
    seasons = ctx.lex.table("seasons")
    if first in ctx.lex.words("season_this") and ctx.t(i + 1) in seasons and ctx.joined(i + 1):
        return Found(i + 2, "DATE", season_value(ctx.dct, seasons[ctx.t(i + 1)], 0),
                     anchor="dct")
    if first not in seasons:
        return None
    year = year_part(ctx, i + 1)
    if year is not None:
        return Found(year[1], "DATE", f"{year[0]:04d}-{seasons[first]}",
                     anchor="dct" if year[2] else None)
    adj = adjective(ctx, i + 1)
    if adj is None:
        return None
    return Found(adj[1], "DATE", season_value(ctx.dct, seasons[first], adj[0]),
                 anchor="dct")


def quarter(ctx: Ctx, i: int, first: str, loose: bool = False) -> Found | None:
    """"الربع الأخير من عام 2021" -> 2021-Q4, "النصف الأول من العام" -> this year's H1."""
    hit = ctx.phrase(i, "quarters", first)
    if hit is None or ctx.t(hit[1]) != ctx.lex.word("of") or not ctx.joined(hit[1] + 1):
        return None
    year = year_part(ctx, hit[1])
    if year is None and ctx.lex.table("bare_periods").get(ctx.t(hit[1] + 1)) == "Y":
        year = ctx.dct.year, hit[1] + 2, True
    if year is None:
        return None
    return Found(year[1], "DATE", f"{year[0]:04d}-{hit[0]}", anchor="dct" if year[2] else None)


RELATIVE = (relative_day, anchored_day, holiday, part_of_day, part_standalone, relative_period,
            weekend, season, quarter)
"""The recognizers of this module, tried at every token."""
