"""TIMEX3 value syntax (ISO 8601 and TimeML's extensions) and value granularity."""

from __future__ import annotations

import re

TYPES = ("DATE", "TIME", "DURATION", "SET")
MODS = ("BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
        "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX")
REFS = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")

_YEAR = r"(\d{4}|\d{3}X|\d{2}XX|XXXX)"
_CAL = (r"(-(0[1-9]|1[0-2]|XX)(-(0[1-9]|[12]\d|3[01]|XX))?"
        r"|-W(0[1-9]|[1-4]\d|5[0-3]|XX)(-(WE|[1-7]))?"
        r"|-Q[1-4]|-H[12]|-(SP|SU|FA|WI))?")
_CLOCK = r"T(([01]\d|2[0-4])(:[0-5]\d(:[0-5]\d)?)?|MO|MI|AF|EV|NI|DT)"
DATE = re.compile(rf"^({_YEAR}{_CAL}|{'|'.join(REFS)})$")
TIME = re.compile(rf"^({_YEAR}{_CAL}{_CLOCK}|{_CLOCK})$")
_N = r"(\d+(\.\d+)?|X)"
DURATION = re.compile(rf"^P(?=.)({_N}Y)?({_N}M)?({_N}W)?({_N}D)?(T(?=.)({_N}H)?({_N}M)?({_N}S)?)?$"
                      rf"|^P(?=.){_N}[YMWDE]$")


def value_error(kind: str, value: object) -> str | None:
    """Why ``value`` is not a valid value for a TIMEX3 of type ``kind``, or None if it is."""
    if not isinstance(value, str) or not value:
        return f"value must be a non-empty string, got {value!r}"
    patterns = {"DATE": (DATE,), "TIME": (TIME,), "DURATION": (DURATION,),
                "SET": (DURATION, DATE, TIME)}
    if not any(p.match(value) for p in patterns[kind]):
        examples = {"DATE": "2022-02-12, 2021-12, 2021-W48, 2014, PAST_REF",
                    "TIME": "2022-02-12TEV, 2022-02-12T19:00",
                    "DURATION": "PT50M, P2M, PXW", "SET": "P1D, XXXX-WXX-1"}[kind]
        return f"'{value}' is not a valid TIMEX3 {kind} value (e.g. {examples})"
    return None


def granularity(value: str) -> str:
    """The unit a value is given in: time, day, week, month, year, duration, ref or other."""
    if value in REFS:
        return "ref"
    if value.startswith("P"):
        return "duration"
    if "T" in value:
        return "time"
    if re.match(rf"^{_YEAR}-W", value):
        return "week"
    if re.match(rf"^{_YEAR}-\w\w-\w\w$", value):
        return "day"
    if re.match(rf"^{_YEAR}-(0[1-9]|1[0-2]|XX)$", value):
        return "month"
    if re.match(rf"^{_YEAR}$", value):
        return "year"
    return "other"
