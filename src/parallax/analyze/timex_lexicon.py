"""Word lists for the temporal tagger: month names in several languages, weekdays, numbers,
units and seasons. Plain data, so adding a language is adding a dictionary."""

from __future__ import annotations

from datetime import date, timedelta

# Month names and abbreviations -> month number. English names are matched capitalised
# only (so "may" the verb and "march" the verb are not dates).
MONTHS_EN = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
# Full names in other languages (datelines: "21 de enero de 2022", "21. Januar 2022",
# "le 21 janvier 2022", "21 января 2022 г.").
MONTHS_INTL = {
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "juni": 6, "juli": 7,
    "oktober": 10, "dezember": 12,
    # Russian, genitive (as in dates) and nominative
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6, "июль": 7,
    "август": 8, "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
}
# Short forms used in datelines ("21 ene 2022", "21 janv. 2022", "21 дек. 2021"): only
# accepted between a day number and a year, where they cannot be ordinary words.
MONTHS_INTL_SHORT = {
    "ene": 1, "abr": 4, "ago": 8, "dic": 12, "janv": 1, "févr": 2, "fevr": 2, "avr": 4,
    "juil": 7, "déc": 12, "mär": 3, "okt": 10, "dez": 12,
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8, "сен": 9,
    "сент": 9, "окт": 10, "ноя": 11, "нояб": 11, "дек": 12,
}

WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "half": 0.5,
    "couple": 2, "a couple of": 2, "couple of": 2, "dozen": 12, "a dozen": 12,
}
VAGUE = {"several", "a few", "few", "some", "many", "the", "a number of", "numerous"}

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
    "last": 4, "final": 4,
}

ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}

# unit -> (ISO 8601 letter, is a time unit that needs the "T" designator)
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "weekend": ("WE", False), "month": ("M", False),
    "quarter": ("Q", False), "year": ("Y", False), "decade": ("DE", False),
    "century": ("CE", False),
}

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_ORDER = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}

PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

# Holidays -> how to find their date in a year: ("fixed", month, day), ("nth", month,
# weekday, n) with n = -1 for the last, or ("easter", offset in days). US holidays where
# the name is American ("Thanksgiving", "Labor Day").
HOLIDAYS = {
    "new year's day": ("fixed", 1, 1), "new year's eve": ("fixed", 12, 31),
    "new year's": ("fixed", 1, 1), "valentine's day": ("fixed", 2, 14),
    "independence day": ("fixed", 7, 4), "fourth of july": ("fixed", 7, 4),
    "july fourth": ("fixed", 7, 4), "bastille day": ("fixed", 7, 14),
    "halloween": ("fixed", 10, 31), "veterans day": ("fixed", 11, 11),
    "armistice day": ("fixed", 11, 11), "christmas eve": ("fixed", 12, 24),
    "christmas day": ("fixed", 12, 25), "christmas": ("fixed", 12, 25),
    "boxing day": ("fixed", 12, 26),
    "martin luther king day": ("nth", 1, 0, 3), "presidents day": ("nth", 2, 0, 3),
    "presidents' day": ("nth", 2, 0, 3), "memorial day": ("nth", 5, 0, -1),
    "labor day": ("nth", 9, 0, 1), "columbus day": ("nth", 10, 0, 2),
    "thanksgiving": ("nth", 11, 3, 4), "thanksgiving day": ("nth", 11, 3, 4),
    "mother's day": ("nth", 5, 6, 2), "father's day": ("nth", 6, 6, 3),
    "election day": ("election",),
    "easter": ("easter", 0), "easter sunday": ("easter", 0), "easter monday": ("easter", 1),
    "good friday": ("easter", -2), "palm sunday": ("easter", -7),
}


def _easter(y: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return date(y, month, day)


def holiday_date(rule: tuple, y: int) -> date:
    """The date of a holiday (a HOLIDAYS value) in year ``y``."""
    kind = rule[0]
    if kind == "fixed":
        return date(y, rule[1], rule[2])
    if kind == "easter":
        return _easter(y) + timedelta(days=rule[1])
    if kind == "election":  # US: the Tuesday after the first Monday of November
        first = date(y, 11, 1)
        monday = first + timedelta(days=(0 - first.weekday()) % 7)
        return monday + timedelta(days=1)
    _, month, weekday, n = rule
    if n > 0:
        first = date(y, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(y + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)
