"""The query set of the search benchmarks, chosen from the corpus itself (see choose_queries)."""

from __future__ import annotations

import itertools
import json
import random
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_FUNCTION_WORDS = (
    "the of and to a in that it was he for on are as with his they at be this from have or by one had not"
    " but what all were when we there can an your which their said if do will each about how up out them"
    " then she many some so these would other into has more her two like him see time could no make than"
    " first been its who now my made over did down only way may after just where most is i me our us you"
    " those any"
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
_WORD = re.compile(r"\w+")


def passages(jsonl: Path) -> Iterator[dict[str, object]]:
    """The passages exported by benchlib.export_passages, one dict per JSON line."""
    with jsonl.open(encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


@dataclass(frozen=True)
class Case:
    """One query in each engine's syntax; None: the engine has no equivalent."""

    kind: str
    ours: str
    raw: str | None
    fts: str | None
    fts_where: str = ""
    fuzzy: bool = False
    why: str = ""  # how it was chosen


def choose_queries(corpus_db: Path, jsonl: Path, seed: int = 21) -> list[Case]:
    """The corpus's commonest names, words, pairs and phrases, beside rare ones and every query form.

    Names: the gazetteer names by the number of passages that print them (our store's name_passages).
    Words: words of 4+ letters that are not function words, by passage count. Phrases: the commonest
    two adjacent content words and the commonest two and three adjacent function words. Rare: a name
    printed in the fewest passages and a word of 6+ letters in the fewest passages, two at least (one of each,
    picked in a seeded shuffle).
    """
    conn = sqlite3.connect(f"file:{corpus_db}?mode=ro", uri=True)
    names = [
        (spelling, n)
        for _, spelling, n in conn.execute(
            "SELECT name_id, (SELECT spelling FROM name_passages s WHERE s.name_id = p.name_id"
            " GROUP BY spelling ORDER BY count(*) DESC LIMIT 1), count(DISTINCT passage_id) AS n"
            " FROM name_passages p GROUP BY name_id ORDER BY n DESC, name_id"
        )
        if spelling and re.fullmatch(r"[^\W\d_]+", spelling)  # one word: it is typed as a plain word
    ]
    events = [e for (e,) in conn.execute("SELECT id FROM events ORDER BY seq")]
    conn.close()
    words: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    stop2: Counter[str] = Counter()
    stop3: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    event_passages: Counter[str] = Counter()
    years_with: dict[str, Counter[int]] = {}
    top_names = {n.lower() for n, _ in names[:3]}
    for p in passages(jsonl):
        tokens = [t.lower() for t in _WORD.findall(str(p["text"]))]
        words.update({t for t in tokens if len(t) >= 4 and t.isalpha() and t not in FUNCTION_WORDS})
        content = [f"{a} {b}" for a, b in itertools.pairwise(tokens)]
        pairs.update(
            {c for c in content if all(len(w) >= 4 and w.isalpha() and w not in FUNCTION_WORDS for w in c.split())}
        )
        stop2.update({c for c in content if all(w in FUNCTION_WORDS for w in c.split())})
        triples = zip(tokens, tokens[1:], tokens[2:], strict=False)
        stop3.update({" ".join(t) for t in triples if all(w in FUNCTION_WORDS for w in t)})
        for name in top_names & set(tokens):
            years_with.setdefault(name, Counter()).update(int(y) for y in p["years"])  # type: ignore[union-attr]
        for e in p["events"]:  # type: ignore[union-attr]
            event_passages[str(e)] += 1
        sources[str(p["source"])] += 1
    rng = random.Random(seed)
    common = [w for w, _ in words.most_common(3)]
    fewest_word = min((n for w, n in words.items() if n >= 2 and len(w) >= 6), default=0)
    rare_words = sorted(w for w, n in words.items() if n == fewest_word and len(w) >= 6)
    fewest_name = min((k for n, k in names if len(n) >= 5), default=0)
    rare_names = sorted(n for n, k in names if k == fewest_name and len(n) >= 5)
    top = [n for n, _ in names[:3]] or [w.title() for w in common[:3]]
    cases = [Case(f"name #{i + 1} by passages", n, n, n) for i, n in enumerate(top)]
    cases += [Case(f"word #{i + 1} by passages", w, w, w) for i, w in enumerate(common)]
    first = top[0]
    with_year = years_with.get(first.lower())
    if with_year:
        year = with_year.most_common(1)[0][0]
        cases.append(Case("name + year", f"{first} {year}", f"{first} {year}", f"{first} {year}"))
    if pairs:
        pair = pairs.most_common(1)[0][0]
        cases.append(Case("two words (AND)", pair, pair, pair))
        cases.append(Case("phrase", f'"{pair}"', f'"{pair}"', f'"{pair}"'))
    for kind, counter in (("phrase of function words", stop2), ("phrase of three function words", stop3)):
        if counter:
            phrase = f'"{counter.most_common(1)[0][0]}"'
            cases.append(Case(kind, phrase, phrase, phrase))
    if len(top) >= 2:
        either = f"{top[0]} OR {top[1]}"
        cases.append(Case("OR", either, either, either))
        cases.append(Case("NOT", f"{common[0]} NOT {first}", f"{common[0]} -{first}", f"{common[0]} NOT {first}"))
    stem = first[:4].lower()
    cases.append(Case("prefix", f"{first[:4]}*", f"text:/{stem}.*/", f"{stem}*"))
    cases.append(Case("fuzzy (common name)", f"{first}~", first, None, fuzzy=True))
    typo = first[:4] + first[3] + first[4:]  # one letter doubled: Vorkuta -> Vorkkuta
    cases.append(Case("typo (did you mean)", typo, typo, typo))
    if rare_names:
        rare = rng.choice(rare_names)
        cases.append(Case(f"rare name ({_passages(fewest_name)})", rare, rare, rare))
    if rare_words:
        rare = rng.choice(rare_words)
        cases.append(Case(f"rare word ({_passages(fewest_word)})", rare, rare, rare))
    source = sources.most_common(1)[0][0]
    cases.append(
        Case(
            "source filter",
            f"{common[0]} source:{source}",
            f"{common[0]} source:{source}",
            common[0],
            f"AND source = '{source}'",
        )
    )
    if event_passages:
        event = event_passages.most_common(1)[0][0] if event_passages else events[0]
        cases.append(
            Case(
                "event filter",
                f"event:{event} {common[0]}",
                f"event:{event} {common[0]}",
                common[0],
                f"AND events LIKE '%\"{event}\"%'",
            )
        )
    if with_year:
        year = with_year.most_common(1)[0][0]
        span = f"year:[{year - 1} TO {year + 1}] {common[0]}"
        cases.append(Case("year range", f"year:{year - 1}..{year + 1} {common[0]}", span, None))
    return cases


def _passages(n: int) -> str:
    return "1 passage" if n == 1 else f"{n} passages"
