"""Romanisations of Cyrillic names, and a key that is the same for every romanisation of one name.

The Russian schemes are `iuliia`'s (ISO 9, ALA-LC with and without tie bars, BGN/PCGN, BS 2979,
GOST 7.79, ICAO, MVD, scientific, Wikipedia, Yandex...). The conventions of German, French,
Polish, Czech, Lithuanian and Latvian texts (Workuta, Vorkouta, Workuta, Chruszczow, Chruščiovas),
and Ukrainian and Belarusian national romanisation, are not in iuliia: they are the small tables
below. Everything here runs when a store is built; a query only computes `key` of its words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

# The key's Latin for each Cyrillic letter (Russian, Ukrainian, Belarusian).
_CYRILLIC_BASE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "e", "ж": "zh",
    "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip
# Latin letters whose diacritic is a letter of its own in transliteration (Czech, Baltic, ISO 9).
_DIGRAPHS = {"č": "ch", "š": "sh", "ž": "zh", "ż": "zh", "ŝ": "shch", "ĉ": "ch", "ẑ": "zh"}
# Soft and hard signs as the schemes write them, tie bars, and apostrophes: they fold away.
_MARKS = dict.fromkeys(map(ord, "'’ʹʺʼ‘\"”″′`\u0361\u035c"), None)
_TO_LATIN = str.maketrans({**_DIGRAPHS, **_CYRILLIC_BASE})
_EXTRA_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h"})
# Applied in order to the folded Latin form: one spelling per sound, whatever the tradition.
_KEY_RULES = [
    ("schtsch", "shch"), ("szcz", "shch"), ("chtch", "shch"), ("tsch", "ch"), ("tch", "ch"), ("sch", "sh"),
    ("cz", "ch"), ("sz", "sh"), ("chr", "hr"), ("kh", "h"), ("tz", "ts"), ("ou", "u"), ("w", "v"), ("x", "ks"),
    ("j", "i"), ("y", "i"),
]  # fmt: skip
_REPEATS = re.compile(r"(s)\1+")  # French and German write intervocalic с double ('Kossior', 'Oussa')
_NOT_KEY = re.compile(r"[^a-z0-9 ]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


@cache
def key(text: str) -> str:
    """The transliteration key of a word or name: 'Noril'sk', 'Norilʹsk', 'Норильск' -> 'norilsk'.

    Words stay apart (joined by one space); hyphens join ('Ust'-Usa' -> 'ustusa').
    """
    text = unicodedata.normalize("NFC", text).lower().translate(_MARKS).replace("№", " no ")
    text = text.translate(_TO_LATIN).translate(_EXTRA_FOLD)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.replace("-", "").replace("–", "")
    text = _NOT_KEY.sub(" ", text)
    for old, new in _KEY_RULES:
        text = text.replace(old, new)
    text = _REPEATS.sub(r"\1", text)
    words = [w[1:] if w.startswith("ie") else w for w in text.split()]  # Yevgeny, Ievgen, Evgenii
    return " ".join(w.replace("ie", "e") for w in words)


# --- the schemes iuliia does not have: a letter table plus the few context rules each needs ---

_VOWELS = set("аеёиоуыэюяіїє")
_SIGNS = set("ьъ")


def _table_scheme(
    letters: dict[str, str],
    after_vowel: dict[str, str] | None = None,
    after_consonant: dict[str, str] | None = None,
    endings: tuple[tuple[str, str], ...] = (),
) -> Callable[[str], str]:
    """A scheme from a letter table; `after_vowel` applies at the start of a word, after a vowel or a
    sign (Jewtuschenko, Jeschow), `after_consonant` elsewhere (Niedorostkow); `endings` first."""

    alone = str.maketrans(letters)
    in_context = frozenset(after_vowel or ()) | frozenset(after_consonant or ())

    def translate(text: str) -> str:
        out = []
        for word in re.split(r"(\W+)", text):
            lower = word.lower()
            tail = ""
            for cyr, lat in endings:
                if lower.endswith(cyr) and len(lower) > len(cyr) + 1:
                    lower, tail = lower[: -len(cyr)], lat
                    break
            if in_context.isdisjoint(lower):  # no letter with a rule in context: the table alone
                result = lower.translate(alone) + tail
            else:
                built = []
                for i, c in enumerate(lower):
                    prev = lower[i - 1] if i else ""
                    table = after_vowel if (not prev or prev in _VOWELS or prev in _SIGNS) else after_consonant
                    built.append((table or {}).get(c, letters.get(c, c)))
                result = "".join(built) + tail
            if word[:1].isupper():
                result = result[:1].upper() + result[1:]
            out.append(result)
        return "".join(out)

    return translate


_GERMAN = _table_scheme(
    {
        "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "sch", "з": "s", "и": "i",
        "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y",
        "ь": "", "э": "e", "ю": "ju", "я": "ja",
    },
    after_vowel={"е": "je", "ё": "jo"},
    after_consonant={"ё": "jo"},
    endings=(("ий", "i"), ("ый", "y"), ("щёв", "schtschow"), ("ёв", "jow"), ("ов", "ow"), ("ев", "ew")),
)  # fmt: skip
_FRENCH = _table_scheme(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "io", "ж": "j", "з": "z", "и": "i",
        "й": "ï", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "ou", "ф": "f", "х": "kh", "ц": "ts", "ч": "tch", "ш": "ch", "щ": "chtch", "ъ": "", "ы": "y",
        "ь": "", "э": "e", "ю": "iou", "я": "ia",
    },
    after_vowel={"е": "ie", "я": "ïa", "ю": "ïou"},
    endings=(("ий", "i"), ("ый", "y"), ("ин", "ine"), ("ын", "yne"), ("ая", "aïa")),
)  # fmt: skip
_POLISH = _table_scheme(
    {
        "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "ie", "ё": "io", "ж": "ż", "з": "z", "и": "i",
        "й": "j", "к": "k", "л": "ł", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "ch", "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz", "ъ": "", "ы": "y",
        "ь": "", "э": "e", "ю": "iu", "я": "ia",
    },
    after_vowel={"е": "je", "ё": "jo", "ю": "ju", "я": "ja"},
    endings=(("ий", "ij"), ("ый", "y"), ("ов", "ow"), ("ев", "ew"), ("ёв", "ow")),
)  # fmt: skip
_CZECH_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "ž", "з": "z", "и": "i",
    "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "ju", "я": "ja",
}  # fmt: skip
_CZECH = _table_scheme(_CZECH_LETTERS, after_vowel={"е": "je"})
_LITHUANIAN = _table_scheme(_CZECH_LETTERS, after_vowel={"е": "je"}, after_consonant={"ё": "io", "ю": "iu", "я": "ia"})
_LATVIAN = _table_scheme({**_CZECH_LETTERS, "х": "h", "ё": "o"}, after_vowel={"е": "je"})
_UKRAINIAN_NATIONAL = _table_scheme(
    {
        "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
        "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
        "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "",
    },
    after_vowel={"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"},
)  # fmt: skip
_UKRAINIAN_ALA_LC = _table_scheme(
    {
        "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "i͡e", "ж": "zh", "з": "z",
        "и": "y", "і": "i", "ї": "ï", "й": "ĭ", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
        "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "t͡s", "ч": "ch", "ш": "sh",
        "щ": "shch", "ь": "ʹ", "ю": "i͡u", "я": "i͡a",
    }
)  # fmt: skip
_BELARUSIAN_NATIONAL = _table_scheme(
    {
        "а": "a", "б": "b", "в": "v", "г": "h", "д": "d", "е": "je", "ё": "jo", "ж": "ž", "з": "z", "і": "i",
        "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ў": "ŭ", "ф": "f", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "ы": "y", "ь": "", "э": "e",
        "ю": "ju", "я": "ja",
    },
    after_consonant={"е": "ie", "ё": "io", "ю": "iu", "я": "ia"},
)  # fmt: skip

# Ukrainian and Belarusian spellings read with a Russian scheme (as Russian-language sources and
# older catalogues romanise them): their own letters first become the Russian ones they sound as.
_AS_RUSSIAN = str.maketrans({"и": "ы", "і": "и", "ї": "йи", "є": "е", "ґ": "г", "ў": "в", "'": "", "’": ""})
_BELARUSIAN_AS_RUSSIAN = str.maketrans({"і": "и", "ў": "в", "'": "", "’": ""})

OWN_SCHEMES: dict[str, Callable[[str], str]] = {
    "German (Duden)": _GERMAN,
    "French": _FRENCH,
    "Polish": _POLISH,
    "Czech": _CZECH,
    "Lithuanian": _LITHUANIAN,
    "Latvian": _LATVIAN,
}
UKRAINIAN_SCHEMES: dict[str, Callable[[str], str]] = {
    "Ukrainian national (2010)": _UKRAINIAN_NATIONAL,
    "Ukrainian ALA-LC": _UKRAINIAN_ALA_LC,
}
BELARUSIAN_SCHEMES: dict[str, Callable[[str], str]] = {"Belarusian national (2007)": _BELARUSIAN_NATIONAL}


# iuliia's schemes under the names a catalogue or a style guide gives them.
IULIIA_SCHEMES = {
    "ala_lc": "ALA-LC", "ala_lc_alt": "ALA-LC (no tie bars)", "bgn_pcgn": "BGN/PCGN",
    "bgn_pcgn_alt": "BGN/PCGN (simplified)", "bs_2979": "BS 2979", "bs_2979_alt": "BS 2979 (simplified)",
    "gost_16876": "GOST 16876-71", "gost_16876_alt": "GOST 16876-71 (alt)", "gost_52290": "GOST R 52290",
    "gost_52535": "GOST R 52535 (passports)", "gost_7034": "GOST 7.34", "gost_779": "GOST 7.79 A (ISO 9:1995)",
    "gost_779_alt": "GOST 7.79 B", "icao_doc_9303": "ICAO Doc 9303", "iso_9_1954": "ISO/R 9:1954",
    "iso_9_1968": "ISO/R 9:1968", "iso_9_1968_alt": "ISO/R 9:1968 (alt)", "mosmetro": "Moscow Metro",
    "mvd_310": "MVD 310", "mvd_310_fr": "MVD 310 (French)", "mvd_782": "MVD 782", "scientific": "scientific",
    "telegram": "telegram", "ungegn_1987": "UNGEGN 1987", "wikipedia": "Wikipedia", "yandex_maps": "Yandex Maps",
    "yandex_money": "Yandex Money",
}  # fmt: skip


@cache
def _iuliia_schemes() -> dict[str, Callable[[str], str]]:
    import iuliia  # only builds need it

    return {label: _IuliiaScheme(iuliia.schemas.get(name)).translate for name, label in IULIIA_SCHEMES.items()}


_WORD_BOUNDARY = re.compile(r"\b")  # how iuliia splits a text into words


class _IuliiaScheme:
    """An iuliia scheme's `translate`, the same letter for letter, several times faster.

    iuliia looks up every letter in three tables (after the previous letter, before the next, alone);
    a word none of whose letters has a rule in context is translated by one `str.translate` with
    the table of letters alone, and only the others go letter by letter, as iuliia does.
    """

    def __init__(self, scheme: object) -> None:
        scheme.translate("")  # type: ignore[attr-defined]  # iuliia reads a scheme's file at first use
        rules = scheme._schema  # type: ignore[attr-defined]
        self._letters: dict[str, str] = rules.map
        self._after: dict[str, str] = rules.prev_map
        self._before: dict[str, str] = rules.next_map
        self._endings: dict[str, str] = rules.ending_map
        self._table = str.maketrans(rules.map)
        # the letters a rule in context may change: the last of an `after` key, the first of a `before` key
        self._in_context = frozenset(k[-1] for k in rules.prev_map) | frozenset(k[0] for k in rules.next_map)

    def translate(self, text: str) -> str:
        out = []
        for word in _WORD_BOUNDARY.split(text):
            if not word:
                continue
            ending = self._endings.get(word[-2:]) if len(word) > 2 else None
            if ending:  # iuliia translates the stem alone, then adds the ending's own form
                out.append(self._word(word[:-2]) + ending)
            else:
                out.append(self._word(word))
        return "".join(out)

    def _word(self, word: str) -> str:
        if self._in_context.isdisjoint(word):
            return word.translate(self._table)
        out = []
        for i, letter in enumerate(word):
            before = word[i - 1] if i else ""
            after = word[i + 1] if i + 1 < len(word) else ""
            found = self._after.get(before + letter)
            if found is None:
                found = self._before.get(letter + after)
            if found is None:
                found = self._letters.get(letter, letter)
            out.append(found)
        return "".join(out)


def romanisations(cyrillic: str, language: str = "ru") -> dict[str, str]:
    """Every scheme's romanisation of `cyrillic` (scheme -> form). `language` is "ru", "uk" or "be":
    a Ukrainian or Belarusian spelling also goes through its national schemes, and is read with the
    Russian ones as Russian-language sources and older catalogues romanise it ('Grytsyak').

    Each word is romanised once (the schemes treat words alone): names share their first names.
    """
    words = [_word_romanisations(word, language) for word in cyrillic.split()]
    if not words:
        return {}
    return {scheme: " ".join(w[scheme] for w in words) for scheme in words[0] if all(w.get(scheme) for w in words)}


@cache
def _word_romanisations(cyrillic: str, language: str) -> dict[str, str]:
    if language == "uk":
        as_russian = cyrillic.translate(_AS_RUSSIAN)
    elif language == "be":
        as_russian = cyrillic.translate(_BELARUSIAN_AS_RUSSIAN)
    else:
        as_russian = cyrillic
    forms = {name: translate(as_russian) for name, translate in _iuliia_schemes().items()}
    forms.update((name, translate(as_russian)) for name, translate in OWN_SCHEMES.items())
    national = UKRAINIAN_SCHEMES if language == "uk" else BELARUSIAN_SCHEMES if language == "be" else {}
    forms.update((name, translate(cyrillic)) for name, translate in national.items())
    return {name: _tidy(form) for name, form in forms.items()}


def _tidy(form: str) -> str:
    """Capitals as the Cyrillic has them ('I͡UliI͡a' -> 'I͡ulii͡a' is iuliia's; some schemes upper-case
    a whole digraph before a capital) and no stray spaces."""
    return " ".join(w[:1] + w[1:].lower() if w[1:2].isupper() and not w.isupper() else w for w in form.split())


def inflections(cyrillic: str) -> list[tuple[str, str]]:
    """A Russian word in the cases a text may quote it in (e.g. 'на Ижме', 'в Кожве'): (case, form)."""
    word = cyrillic.strip()
    if not word or " " in word:
        return []
    last = word[-1].lower()
    if last in "аяь":
        stem = word[:-1]
        return [("prepositional", stem + "е"), ("genitive", stem + ("и" if last != "а" else "ы"))]
    if last not in _VOWELS:
        return [("prepositional", word + "е"), ("genitive", word + "а")]
    return []
