"""Bytes to text: BOMs, UTF-16 without BOM, strict UTF-8, then the single-byte encodings the
project promises: Windows-1251 when the result reads as Cyrillic words, else Windows-1252/Latin-1.
Binary input is recognised and refused rather than decoded into noise. Limits: other legacy
encodings (KOI8-R, Shift-JIS, GB2312) are not guessed; they come out as Latin-1."""

from __future__ import annotations

import codecs

BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class DecodeError(ValueError):
    pass


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > len(sample) * 0.05


def _reads_as_cyrillic(text: str) -> bool:
    """Windows-1251 text has whole Cyrillic words; Latin-1 text read as 1251 gives words that mix
    Latin and Cyrillic letters ("Zьrich")."""
    import re

    cyr = mixed = 0
    for w in re.findall(r"[^\W\d_]+", text):
        has_c = any("\u0400" <= c <= "\u04ff" for c in w)
        has_l = any("a" <= c.lower() <= "z" for c in w)
        if has_c and has_l:
            mixed += 1
        elif has_c and len(w) > 1:
            cyr += 1
    return cyr > 0 and mixed <= cyr * 0.1


def _cyrillic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum("\u0400" <= c <= "\u04ff" for c in letters) / len(letters) if letters else 0.0


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding). Raises DecodeError with a one-line reason."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {enc} byte-order mark but is not valid {enc} ({exc.reason})") from None
    # UTF-16 without BOM: every other byte zero in ASCII-heavy text
    if len(data) >= 4 and data[1:200:2].count(0) > len(data[1:200:2]) * 0.8:
        try:
            return data.decode("utf-16-le"), "utf-16-le"
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise DecodeError("looks like binary data (NUL or control bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # single-byte encodings: Windows-1251 when it yields mostly Cyrillic words, else Latin-1/1252
    try:
        cyr = data.decode("cp1251")
        if _reads_as_cyrillic(cyr):
            return cyr, "cp1251"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"
