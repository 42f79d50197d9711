"""Bytes to clean text: encoding detection, mojibake repair, normalisation.

The normalised text that all offsets refer to is built in ``structure.py``
from text cleaned here: Unicode NFC, mojibake repaired by ftfy (curly quotes
are kept as they are), line breaks as ``\\n``, no control or zero-width
characters, no-break and other Unicode spaces turned into plain spaces.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

import ftfy

from newsgraph.errors import InputError

__all__ = ["clean_text", "decode_bytes", "detect_language", "looks_english"]

_FIXER = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _looks_binary(text: str) -> bool:
    """True when too many characters are controls no text file contains."""
    sample = text[:20000]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return "\x00" in sample or controls / len(sample) > 0.01


def _utf16_without_bom(data: bytes) -> str | None:
    """Text in UTF-16 with no BOM, told by its NUL bytes all on one side (mostly ASCII text)."""
    sample = data[:8192]
    half = len(sample) // 2
    if half < 2 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.3 * half and even <= 0.01 * half:
        encoding = "utf-16-le"
    elif even >= 0.3 * half and odd <= 0.01 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if _looks_binary(text) else text


def decode_bytes(data: bytes, where: str) -> str:
    """Decode a file's bytes to text, or raise ``InputError`` saying why not."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data[:8192]:
        text = _utf16_without_bom(data)
        if text is not None:
            return text
        raise InputError(where, "binary", "binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        import charset_normalizer  # only for text that is not UTF-8

        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            raise InputError(where, "binary", "not text: no character encoding fits") from None
        text = str(best)
    if _looks_binary(text):
        raise InputError(where, "binary", "binary file, not text")
    return text


def clean_text(text: str) -> str:
    """Repair mojibake and normalise characters and line breaks (not spacing)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = ftfy.fix_text(text, _FIXER)
    text = _INVISIBLE.sub("", text)
    return _ODD_SPACES.sub(" ", text)


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    """py3langid's identifier; its model file is compressed (slow to open), the cache is not."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    from newsgraph.cache import cached, file_stamp

    return cached("langid", (MODEL_FILE, file_stamp(MODEL_DIR / MODEL_FILE)),
                  lambda: LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))


_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    from newsgraph.data import read_lines

    return frozenset(read_lines("reader/english_words.txt"))


def looks_english(text: str, share: float = 1 / 6) -> bool:
    """Whether English function words are at least ``share`` of the first 2,000 words: plain
    English, told without the language identifier."""
    words = _WORD.findall(text[:15000].lower())[:2000]
    english = _english_words()
    return len(words) >= 20 and sum(w in english for w in words) >= share * len(words)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code of the text's language and its probability."""
    lang, prob = _identifier().classify(text[:5000])
    return str(lang), float(prob)
