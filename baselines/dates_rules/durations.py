"""Duration, clock-time, vague-reference and SET recognizers of the `rules` date tagger.

Each is called as ``rec(ctx, i, first, loose)`` like those of ``dates_rules.calendar``.
"""

from __future__ import annotations

from baselines.dates_rules.calendar import adjective
from baselines.dates_rules.context import Ctx, Found
from baselines.dates_rules.normalize import clock_value, duration_value, split_fraction
from baselines.dates_rules.relative import day_core, part_of_day

UNIT_ORDER = ("CE", "DE", "Y", "M", "W", "D", "H", "MIN", "S")
"""Units from the largest; a compound duration goes down this list."""
Parts = list[tuple[str, float | None]]


def number_at(ctx: Ctx, i: int, first: str) -> tuple[float | None, int] | None:
    """(value, end) of a number: digits of any script ("24", "٢٤", "1.5"), number words
    ("خمسة", "ثلاثة عشر", "خمسة وعشرين", "الثلاثة"), or a vague count (value None)."""
    value = ctx.num(i)
    if value is not None:
        if ctx.t(i + 1) in (".", "٫") and ctx.adjacent(i + 1) and ctx.adjacent(i + 2):
            decimals = ctx.toks[i + 2].text if ctx.num(i + 2) is not None else ""
            if decimals:
                return float(f"{value}." + "".join(str(int(c)) for c in decimals)), i + 3
        return float(value), i + 1
    if first in ctx.lex.words("vague_counts"):
        return None, i + 1
    numbers, tens = ctx.lex.table("numbers"), ctx.lex.table("tens")
    bare = _without_article(ctx, first)
    word = bare if bare in numbers or bare in tens else first
    if word in tens:
        return float(tens[word]), i + 1
    if word not in numbers:
        return None
    total, nxt = float(numbers[word]), ctx.t(i + 1)
    if nxt in ctx.lex.words("teen_words") and total < 10 and ctx.joined(i + 1):
        return total + 10, i + 2
    if word in ctx.lex.words("teen_heads"):
        return None
    and_ = ctx.lex.word("and")
    if nxt.startswith(and_) and _tens(ctx, nxt[1:]) and ctx.joined(i + 1):
        return total + _tens(ctx, nxt[1:]), i + 2
    if nxt == and_ and _tens(ctx, ctx.t(i + 2)) and ctx.joined(i + 2):
        return total + _tens(ctx, ctx.t(i + 2)), i + 3
    return total, i + 1


def _without_article(ctx: Ctx, word: str) -> str:
    """``word`` without a leading ال (unchanged if it has none)."""
    article = ctx.lex.word("article")
    return word[len(article):] if word.startswith(article) else word


def _tens(ctx: Ctx, word: str) -> float:
    """The value of a tens word, with or without the article ("عشرين", "العشرين"), else 0."""
    tens = ctx.lex.table("tens")
    return float(tens.get(word, tens.get(_without_article(ctx, word), 0)))


def unit_at(ctx: Ctx, k: int, first: str | None = None) -> tuple[str, int | None, bool, int] | None:
    """(unit, count, definite, end) of a period noun: ساعة (1), ساعتين (2), ساعات (None)."""
    if first is None and not ctx.joined(k) and k > 0:
        return None
    word = ctx.w(k) if first is None else first
    units = ctx.lex.table("units")
    bare = _without_article(ctx, word)
    definite = word not in units and bare != word and bare in units
    entry = units.get(bare if definite else word)
    return None if entry is None else (entry[0], entry[1], definite, k + 1)


def _after_and(ctx: Ctx, k: int) -> tuple[int, str]:
    """(token, lookup form) of what follows و at token ``k`` ("و 40", "و40", "وخمس"), or
    (k, "") when token ``k`` is not و or a word starting with it."""
    and_ = ctx.lex.word("and")
    if ctx.t(k) == and_:
        return k + 1, ctx.t(k + 1) if ctx.joined(k + 1) else ""
    word = ctx.w(k)
    return (k, word[len(and_):]) if word.startswith(and_) else (k, "")


def _more_parts(ctx: Ctx, parts: Parts, k: int) -> tuple[Parts, int]:
    """Extend a duration with "ونصف" (which ends it) or "و 40 دقيقة" (a smaller unit)."""
    while ctx.joined(k):
        half = ctx.phrase(k, "duration_halves")
        unit, amount = parts[-1]
        if half is not None:
            if amount is None:
                break
            return parts[:-1] + split_fraction(unit, amount + 0.5), half[1]
        j, head = _after_and(ctx, k)
        if not head:
            break
        number = number_at(ctx, j, head)
        found = unit_at(ctx, number[1]) if number and number[0] else unit_at(ctx, j, head)
        step = UNIT_ORDER.index(found[0]) - UNIT_ORDER.index(unit) if found else 0
        if found is None or found[2] or not 0 < step <= 2:
            break  # "ساعة و 40 دقيقة", not "سنة وساعة"
        count = number[0] if number and number[0] else found[1]
        if count is None:
            break
        parts, k = [*parts, (found[0], float(count))], found[3]
    return parts, k


def _plural(ctx: Ctx, name: str, definite: bool, k: int) -> tuple[Parts, int] | None:
    """"أسابيع"، "لسنوات عديدة"، "الأسابيع المقبلة"، "الساعات الـ24 الماضية"."""
    extras = ctx.lex.words("plural_adjectives")
    if not definite:
        if ctx.joined(k) and ctx.t(k) in extras:
            return [(name, None)], k + 1
        if ctx.joined(k) and _without_article(ctx, ctx.w(k)) != ctx.w(k) \
                and adjective(ctx, k) is None:
            return None  # "أيام العيد", "سنوات الحرب": a construct, not a duration
        return [(name, None)], k
    j = k + 1 if ctx.t(k) in ctx.lex.words("article") and ctx.num(k + 1) is not None else k
    number = number_at(ctx, j, ctx.t(j)) if ctx.joined(j) else None
    amount: float | None = None
    if number is not None and number[0] is not None:
        amount, k = number
    if ctx.joined(k) and ctx.t(k) in extras:
        k += 1
    adj = adjective(ctx, k)
    if amount is None and (adj is None or adj[0] == 0):
        return None
    return [(name, amount)], k


def _unit_first(ctx: Ctx, i: int, first: str, loose: bool) -> tuple[Parts, int] | None:
    """A duration that starts with its period noun: dual, plural, or a singular in context."""
    unit = unit_at(ctx, i, first)
    if unit is None:
        return None
    name, count, definite, k = unit
    if count == 2:
        return [(name, 2.0)], k
    if count is None:
        if not definite and first in ctx.lex.words("no_vague_plural"):
            return None  # "عقود" is also "contracts"
        return _plural(ctx, name, definite, k)
    if definite:
        return None
    if ctx.joined(k) and ctx.t(k) in ctx.lex.words("unit_one"):
        return [(name, 1.0)], k + 1
    longer = _more_parts(ctx, [(name, 1.0)], k)
    if loose or longer[1] > k or ctx.prev_in(i, "duration_context"):
        return longer
    return None


def duration(ctx: Ctx, i: int, first: str, loose: bool = False) -> Found | None:
    """"50 دقيقة"، "ساعة و 40 دقيقة"، "ثلاث ساعات"، "الـ 24 ساعة الماضية"، "الشهرين الماضيين"."""
    k, head = i, first
    if head in ctx.lex.words("article") and ctx.num(i + 1) is not None:
        k, head = i + 1, ctx.t(i + 1)
    number = number_at(ctx, k, head)
    if number is not None:
        unit = unit_at(ctx, number[1])
        vague = number[0] is None
        if unit is None or unit[2] or (vague and ctx.w(number[1]) in ctx.lex.words(
                "no_vague_plural")):
            return None  # "عدة عقود" may be "several contracts"
        parts: Parts = [(unit[0], None)] if vague else split_fraction(unit[0], number[0] or 0.0)
        parts, k = _more_parts(ctx, parts, unit[3])
    else:
        found = _unit_first(ctx, i, first, loose)
        if found is None:
            return None
        parts, k = _more_parts(ctx, *found)
    adj = adjective(ctx, k)
    if adj is not None and adj[0] != 0:
        k = adj[1]
    return Found(k, "DURATION", duration_value(parts))


def fraction(ctx: Ctx, i: int, first: str, loose: bool = False) -> Found | None:
    """"نصف ساعة" PT30M, "ربع ساعة" PT15M, "نصف عام" P6M."""
    share = ctx.lex.table("fractions").get(first)
    unit = unit_at(ctx, i + 1) if share is not None else None
    if share is None or unit is None or unit[1] != 1 or unit[2]:
        return None
    return Found(unit[3], "DURATION", duration_value(split_fraction(unit[0], float(share))))


def _hour(ctx: Ctx, k: int, head: str) -> tuple[int, int, int, bool] | None:
    """(hour, minute, end, written with a colon) of "7", "19:30" or "السابعة"."""
    hour = ctx.num(k)
    if hour is not None:
        if ctx.t(k + 1) == ":" and ctx.adjacent(k + 1) and ctx.adjacent(k + 2) \
                and ctx.digits(k + 2) == 2:
            return hour, ctx.num(k + 2) or 0, k + 3, True
        return hour, 0, k + 1, False
    hit = ctx.phrase(k, "hour_words", head)
    return None if hit is None else (int(hit[0]), 0, hit[1], False)


def _minutes(ctx: Ctx, k: int) -> tuple[int, int]:
    """(minutes, end) of "والنصف", "إلا ربعا" or "و 20 دقيقة" after an hour."""
    hit = ctx.phrase(k, "minute_words") if ctx.joined(k) else None
    if hit is not None:
        return int(hit[0]), hit[1]
    j, head = _after_and(ctx, k)
    number = number_at(ctx, j, head) if head and ctx.joined(k) else None
    unit = unit_at(ctx, number[1]) if number and number[0] else None
    if number and unit and unit[0] == "MIN" and number[0]:
        return int(number[0]), unit[3]
    return 0, k


def _period(ctx: Ctx, k: int) -> tuple[str | None, Found | None, int]:
    """(am/pm/noon/night, the day named after, end) following a clock time."""
    period = None
    hit = ctx.phrase(k, "clock_periods") if ctx.joined(k) else None
    if hit is not None:
        period, k = hit
    j = k + 1 if ctx.t(k) == ctx.lex.word("of") else k
    if not ctx.joined(j):
        return period, None, k
    part = part_of_day(ctx, j, ctx.t(j))
    if part is not None:
        code = part.value.rsplit("T", 1)[1]
        return ctx.lex.table("part_periods").get(code.lower(), period), part, part.end
    day = day_core(ctx, j, ctx.t(j))
    return (period, day, day.end) if day is not None else (period, None, k)


def clock(ctx: Ctx, i: int, first: str, loose: bool = False) -> Found | None:
    """"الساعة 7 مساءً" -> T19:00 on the day named after it, or later on a day nearby."""
    worded = first in ctx.lex.words("clock_words")
    k = i + 1 if worded else i
    hour = _hour(ctx, k, ctx.t(k) if worded else first) if ctx.joined(k) or not worded else None
    if hour is None:
        return None
    minute, k = _minutes(ctx, hour[2])
    period, day, k = _period(ctx, k)
    if not worded and not (period or hour[3]):
        return None  # a bare number is a time only with a period word or as 19:30
    hhmm = clock_value(hour[0], hour[1] + minute, period)
    if hhmm is None:
        return None
    if day is None or day.day is None:
        return Found(k, "TIME", f"T{hhmm}", kind="clock")
    return Found(k, "TIME", f"{day.day.isoformat()}T{hhmm}", anchor=day.anchor, day=day.day,
                 calendar=day.calendar)


def vague_ref(ctx: Ctx, i: int, first: str, loose: bool = False) -> Found | None:
    """"الآونة الأخيرة" PAST_REF, "حتى الآن" PRESENT_REF, "المستقبل" FUTURE_REF."""
    if ctx.prev_in(i, "vague_ref_not_after"):
        return None
    hit = ctx.phrase(i, "vague_refs", first)
    if hit is None and ctx.prev_in(i, "vague_ref_prepositions") and first == ctx.t(i):
        hit = ctx.phrase(i, "vague_refs_after_fi", first)
    return None if hit is None else Found(hit[1], "DATE", str(hit[0]))


def set_expr(ctx: Ctx, i: int, first: str, loose: bool = False) -> Found | None:
    """"يوميا" P1D, "كل أسبوع" P1W, "كل يوم جمعة" XXXX-WXX-5, "كل أربع سنوات" P4Y."""
    found = []
    hit = ctx.phrase(i, "sets", first)
    if hit is not None:
        found.append(Found(hit[1], "SET", str(hit[0])))
    if first in ctx.lex.words("set_every") and ctx.joined(i + 1):
        k = i + 2 if ctx.t(i + 1) == ctx.lex.word("day") else i + 1
        weekday = ctx.lex.table("weekdays_bare").get(ctx.t(k)) or \
            ctx.lex.table("weekdays").get(ctx.t(k))
        if weekday is not None and ctx.joined(k):
            found.append(Found(k + 1, "SET", f"XXXX-WXX-{weekday}"))
        number = number_at(ctx, i + 1, ctx.t(i + 1))
        unit = unit_at(ctx, number[1]) if number and number[0] else None
        if number and unit and not unit[2]:
            found.append(Found(unit[3], "SET", duration_value([(unit[0], number[0])])))
    return max(found, key=lambda f: f.end) if found else None


DURATIONS = (duration, fraction, clock, vague_ref, set_expr)
"""The recognizers of this module, tried at every token."""
