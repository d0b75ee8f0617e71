"""Text folding shared by the index, the query parser and the highlighter.

Everything that decides whether two words "are the same" lives here, so the
index and the highlighter can never disagree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# A word: letters/digits, with inner apostrophes or hyphens kept out (they split words,
# as tantivy's simple tokenizer does).
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Letters that NFKD does not decompose but tantivy's ascii_fold does.
_EXTRA_FOLD = str.maketrans(
    {
        "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ħ": "h",
    }
)  # fmt: skip


def fold(text: str) -> str:
    """Lower-case and strip diacritics: 'Pűkys' -> 'pukys', 'Barnatavičius' -> 'barnatavicius'."""
    if text.isascii():
        return text.lower()
    text = text.translate(_EXTRA_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield (folded word, start, end) for every word of `text`; offsets index `text`."""
    for match in _WORD.finditer(text):
        yield fold(match.group()), match.start(), match.end()


# ASCII characters that end a word (everything but letters and digits), for the fast path below.
_ASCII_BREAKS = {c: " " for c in range(128) if not chr(c).isalnum()}


def words_as_written(text: str) -> list[str]:
    """The words of `text` as written (not folded), as `words` finds them; fast for ASCII text."""
    if text.isascii():
        return text.translate(_ASCII_BREAKS).split()
    return _WORD.findall(text)


def folded_words(text: str) -> list[str]:
    """The folded words of `text`, in order."""
    return [w for w, _, _ in words(text)]


def skeleton(word: str) -> str:
    """The transliteration key of a folded word: 'petchora', 'pechora' and 'печора' share one
    (see `gulagreader.core.names.transliteration.key`)."""
    from gulagreader.core.names.transliteration import key

    return key(word)


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions cost 1), capped at `limit`."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) >= limit:
            return limit
        prev2, prev = prev, cur
    return min(prev[-1], limit)
