"""Every form of a gazetteer name, derived once when the store is built.

A name's forms are what the texts print (its spellings), what we list (variants, and the name in
Cyrillic), and what the romanisation schemes make of the Cyrillic. Each has a transliteration key;
a query word finds the name when its key is one of the name's lookup keys. The store keeps the
forms, the keys and each name's passages, so neither the reader nor the CLI derives them again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from gulagreader.core.model import Name
from gulagreader.core.names.transliteration import inflections, key, romanisations

TEXT = "printed in the texts"
# the masculine endings Lithuanian and Latvian give a foreign surname: (after a consonant, after a vowel)
_BALTIC_ENDINGS = {"Lithuanian": ("as", ""), "Latvian": ("s", "")}
VARIANT = "variant (ours)"
_LANGUAGES = {"ru": "Russian", "uk": "Ukrainian", "be": "Belarusian"}


@dataclass(frozen=True)
class NameForm:
    """One form of a name: where it comes from (`origin`), its key, and for a printed spelling the
    scheme and Cyrillic it follows, if any ('French, from Ухто-Печора')."""

    name_id: str
    form: str
    origin: str
    key: str
    derivation: str = ""


def cyrillic_origin(language: str) -> str:
    return f"{_LANGUAGES.get(language, language)} Cyrillic (ours)"


def derived_forms(name: Name) -> list[NameForm]:
    """The name's forms: printed spellings, our variants, our Cyrillic, and each scheme's romanisation
    of the Cyrillic (one row per distinct form; the first scheme that gives it names it)."""
    forms: dict[str, NameForm] = {}

    def add(form: str, origin: str) -> None:
        if form.strip() and form not in forms:
            forms[form] = NameForm(name.id, form, origin, key(_uninverted(form)))

    for spelling in name.spellings:
        add(spelling, TEXT)
    for variant in name.variants:
        add(variant, VARIANT)
    schemes: list[tuple[str, str, str]] = []  # (scheme, form, cyrillic), for explaining spellings
    for language, cyrillic in name.own_script:
        add(cyrillic, cyrillic_origin(language))
        for scheme, form in romanisations(cyrillic, language).items():
            add(form, f"{scheme} (from {cyrillic})")
            schemes.append((scheme, form, cyrillic))
            if name.kind == "person" and scheme in _BALTIC_ENDINGS and form[-1:].isalpha():
                ending = _BALTIC_ENDINGS[scheme][form[-1] in "aeiouy"]  # Stalinas, Chruščiovas, Hruščovs
                if ending:
                    add(form + ending, f"{scheme}, declined (from {cyrillic})")
        if " " in cyrillic and any(key(s) != key(cyrillic) for s in name.spellings):  # 'Kachketine'
            word = cyrillic.split()[-1]
            schemes.extend((scheme, form, word) for scheme, form in romanisations(word, language).items())
    explained = [_explain(spelling, name, schemes) for spelling in name.spellings]
    return [
        NameForm(f.name_id, f.form, f.origin, f.key, explained[name.spellings.index(f.form)]) if f.origin == TEXT else f
        for f in forms.values()
    ]


def _explain(spelling: str, name: Name, schemes: list[tuple[str, str, str]]) -> str:
    """Which romanisation of our Cyrillic the texts' `spelling` is ('French, from Чибью'), if any;
    also in the cases a text quotes a word in ('Ijme': French, from the prepositional 'Ижме')."""
    wanted = key(_uninverted(spelling))
    exact = [(s, c) for s, form, c in schemes if form.casefold() == spelling.casefold()]
    if exact:
        cyrillic = exact[0][1]
        return f"{', '.join(sorted({s for s, c in exact if c == cyrillic}))}, from {cyrillic}"
    for scheme, form, cyrillic in schemes:
        if key(form) == wanted and not _english(scheme):
            return f"{scheme}, from {cyrillic}"
    for language, cyrillic in name.own_script:
        for case, inflected in inflections(cyrillic):
            for scheme, form in romanisations(inflected, language).items():
                if key(form) == wanted:
                    return f"{scheme}, from the {case} case {inflected}"
    return ""


def _english(scheme: str) -> bool:
    return scheme in {"BGN/PCGN", "Wikipedia", "BS 2979", "ALA-LC (no tie bars)", "ICAO Doc 9303"}


def _uninverted(form: str) -> str:
    """'Hrytsiak, Yevhen' -> 'Yevhen Hrytsiak' (a catalogue's inverted form)."""
    surname, comma, rest = form.partition(",")
    return f"{rest.strip()} {surname.strip()}" if comma and rest.strip() else form


def is_acronym(form: str) -> bool:
    """'USA', 'NKVD', 'CP': found by a query in capitals only when a form of another name is the same
    word ('Usa', the river)."""
    letters = [c for c in form if c.isalpha()]
    return 2 <= len(letters) <= 5 and all(c.isupper() for c in letters) and " " not in form.strip()


def lookup_keys(name: Name, forms: Iterable[NameForm]) -> Iterator[tuple[str, bool]]:
    """(key, acronym) under which a query finds `name`: each form whole, and a person's surname.

    A multi-word form of a place, camp or organisation is found only whole: 'Norilsk Gulag' is not
    'Gulag', 'River Camp' is not 'River'. A person's surname alone finds the person; a first name
    alone does not ('Ivan', 'Vladimir' are many people).
    """
    forms = list(forms)
    first_names = set()
    if name.kind == "person":
        first_names = {f.key.split()[0] for f in forms if len(f.key.split()) > 1}
        first_names -= {f.key.split()[-1] for f in forms if len(f.key.split()) > 1}
    for form in forms:
        if not form.key or form.key in first_names:  # 'Kuzma' alone is not Derevyanko
            continue
        yield form.key, is_acronym(form.form)
        words = form.key.split()
        if name.kind == "person" and len(words) > 1 and len(words[-1]) > 2 and not form.form.rstrip().endswith("."):
            yield words[-1], False
