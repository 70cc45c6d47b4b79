"""Bytes to text: BOMs, strict UTF-8, then charset-normalizer's best guess, then a single-byte
fallback. Binary input is recognised and refused rather than decoded into noise."""

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
        if _cyrillic_share(cyr) > 0.5:
            return cyr, "cp1251"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding not in ("utf_8",):
        text = str(best)
        if best.encoding in ("cp1251", "koi8_r") and _cyrillic_share(text) < 0.5:
            text = None
        if text is not None:
            return text, best.encoding
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"
