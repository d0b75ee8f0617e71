"""Write a synthetic corpus of N passages in our own corpus format, for the scale benchmark.

    .venv/bin/python benchmarks/scale_corpus.py --passages 100000 --out /tmp/scale-100k [--seed 8]

The folder it writes is a real corpus (docs/corpus-format.md): `sources/*.md` with TOML metadata
and anchored passages, `names.toml` (our gazetteer, copied), `events.toml` (generated events with
episodes, accounts and figures), `not-names.txt` and one placeholder original. `gulagreader build
--corpus DIR` reads it like our edition, with no linter warnings.

The text: passages of 40–120 words in sentences, words drawn Zipf-like (s = 1) from a real English
word list (`/usr/share/dict/words`, Debian package `wamerican`; its 63,875 lowercase entries; where
it is missing, the ~7,000 lowercase words of our own corpus texts, and generated.json says so),
with the commonest English function words at the head of the ranking and the rest in a seeded
shuffle.
Every sentence starts with one of a few capitalised starter words (listed in not-names.txt).
Into that we plant words and gazetteer names at known rates, so every selectivity exists at every
size: see PLANTED and RARE below; `generated.json` in the folder records the actual counts.

Same seed and size, same bytes: each source is generated from its own seeded random stream, so
the sources can be written by several processes.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
import tomllib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORD_LIST = Path("/usr/share/dict/words")
PER_SOURCE = 500
SEED = 8

# The head of the ranking: the commonest English words, most frequent first.
_FUNCTION_WORDS = (
    "the of and to a in that it was he for on are as with his they at be this from have or by one had not but"
    " what all were when we there can an your which their said if do will each about how up out them then she"
    " many some so these would other into has more her two like him see time could no make than first been its"
    " who now people my made over did down only way find use may water long little very after words called just"
    " where most know"
)
FUNCTION_WORDS = tuple(_FUNCTION_WORDS.split())
STARTERS = ("The", "In", "We", "They", "It", "He", "She", "At", "After", "Then", "There", "When", "Some", "All")
HEADING_WORD = "Testimony"

# Planted words and names: (text as written, share of passages). Names are gazetteer spellings.
PLANTED: tuple[tuple[str, float], ...] = (
    ("camp", 0.10),  # common word
    ("strike", 0.03),
    ("hunger", 0.01),
    ("hunger strike", 0.002),  # the phrase
    ("Vorkuta", 0.02),  # a common name
    ("Norilsk", 0.01),
    ("Derevianko", 0.001),  # found by the variant Derevyanko
    ("Kuznyetsov", 0.0005),  # found by the fuzzy Kuznetsov~
)
RARE = ("Kachketine", 5)  # a rare name: in exactly 5 passages at any size
NAME_SHARE = 0.25  # share of passages with one more gazetteer name, drawn Zipf-like
YEAR_SHARE = 0.05  # share of passages that mention a year (1930–1956) in the text
STRIKE_IN_ACCOUNTS = 0.3  # accounts of events mention 'strike' more often
_COUNTED = {text for text, _ in PLANTED} | {RARE[0]}


@dataclass(frozen=True)
class Plan:
    """What every worker needs to write its sources."""

    seed: int
    passages: int
    per_source: int
    events: int
    words: tuple[str, ...]
    cum_weights: tuple[float, ...]
    names: tuple[str, ...]
    name_weights: tuple[float, ...]
    rare_at: frozenset[int]  # global passage numbers that get the rare name


def word_source() -> tuple[str, list[str]]:
    """The word list: /usr/share/dict/words (Debian: apt-get install wamerican), or else the
    lowercase words of our own corpus texts (about 7,000; say which in the report)."""
    if WORD_LIST.exists():
        text, name = WORD_LIST.read_text(encoding="utf-8"), str(WORD_LIST)
    else:
        files = sorted((ROOT / "corpus" / "sources").glob("*.md"))
        text, name = " ".join(p.read_text(encoding="utf-8") for p in files), "the words of corpus/sources/*.md"
    return name, sorted({w for w in re.findall(r"[A-Za-z]+", text) if re.fullmatch(r"[a-z]+", w)})


def word_ranking(seed: int) -> list[str]:
    """The word list in rank order: function words first, then the lowercase words shuffled."""
    words = word_source()[1]
    head = [w for w in FUNCTION_WORDS if w in set(words)]
    rest = [w for w in words if w not in set(head)]
    random.Random(seed).shuffle(rest)
    return head + rest


def gazetteer_spellings(names_toml: Path) -> list[str]:
    """Spellings a passage can carry as they are: no inverted 'Surname, First', no 'M.B.' initials
    (the name linter reads 'M.B.' as two words, which the gazetteer does not list)."""
    entries = tomllib.loads(names_toml.read_text(encoding="utf-8"))["name"]
    return sorted(
        {
            spelling
            for entry in entries
            if not _COUNTED & set(entry["spellings"])  # planted names keep their known rates
            for spelling in entry["spellings"]
            if re.fullmatch(r"[\w .'’-]+", spelling) and spelling[:1].isupper() and not re.search(r"\.\w", spelling)
        }
    )


def place_ids(names_toml: Path) -> list[str]:
    entries = tomllib.loads(names_toml.read_text(encoding="utf-8"))["name"]
    return [e["id"] for e in entries if e.get("kind") in ("place", "camp")]


def make_plan(passages: int, seed: int, per_source: int) -> Plan:
    words = word_ranking(seed)
    names = gazetteer_spellings(ROOT / "corpus" / "names.toml")
    random.Random(seed + 1).shuffle(names)
    sources = max(1, -(-passages // per_source))
    return Plan(
        seed=seed,
        passages=passages,
        per_source=per_source,
        events=max(5, sources // 40),
        words=tuple(words),
        cum_weights=tuple(accumulate(1.0 / rank for rank in range(1, len(words) + 1))),
        names=tuple(names),
        name_weights=tuple(accumulate(1.0 / rank for rank in range(1, len(names) + 1))),
        rare_at=frozenset(random.Random(seed + 2).sample(range(passages), min(RARE[1], passages))),
    )


def source_id(number: int) -> str:
    return f"synth-{number:05d}"


def event_id(number: int) -> str:
    return f"synthetic-event-{number:03d}"


def _paragraph(rng: random.Random, plan: Plan, planted: list[str]) -> str:
    """One passage: 40–120 words in sentences, with the planted words at random places."""
    count = rng.randint(40, 120) - len(planted)
    body = rng.choices(plan.words, cum_weights=plan.cum_weights, k=max(count, 10))
    for word in planted:
        body.insert(rng.randrange(len(body) + 1), word)
    sentences, pos = [], 0
    while pos < len(body):
        size = rng.randint(7, 18)
        chunk = body[pos : pos + size]
        pos += size
        if rng.random() < 0.3 and len(chunk) > 6:
            chunk[rng.randrange(2, len(chunk) - 2)] += ","
        sentences.append(f"{rng.choice(STARTERS)} {' '.join(chunk)}.")
    return " ".join(sentences)


def write_source(plan: Plan, number: int, folder: Path) -> dict[str, object]:
    """Write source `number`; return its accounts of events and what was planted in it."""
    rng, count, account = _source_stream(plan, number)
    sid = source_id(number)
    first = number * plan.per_source
    counts: dict[str, int] = {}
    event = number % plan.events
    reprint = number % 50 == 7 and count > 10  # a few sources reprint passages of the previous one
    reprinted = _reprinted(plan, number - 1) if reprint else []
    lines: list[str] = []
    text_bytes = 0
    for i in range(count):
        pid = f"{sid}.p{i:04d}"
        if i == 0:
            block = f"# {HEADING_WORD} {number}"
        elif reprint and 1 <= i <= len(reprinted):
            block = reprinted[i - 1]
        else:
            planted = _planted(rng, plan, first + i, counts, in_account=pid in account)
            block = _paragraph(rng, plan, planted)
        text_bytes += len(block.encode())
        lines.append(f"{block} {{#{pid}}}\n")
    meta = _metadata(rng, sid, number, count, reprinted)
    (folder / "sources" / f"{sid}.md").write_text(meta + "\n" + "\n".join(lines), encoding="utf-8")
    return {"source": sid, "event": event, "account": account, "counts": counts, "bytes": text_bytes}


def _source_stream(plan: Plan, number: int) -> tuple[random.Random, int, list[str]]:
    """The random stream of source `number`, its passage count, and the passages of its account."""
    rng = random.Random(plan.seed * 1_000_003 + number)
    count = min(plan.per_source, plan.passages - number * plan.per_source)
    account: list[str] = []
    if rng.random() < 0.5 and count > 20:  # half the sources tell an event, in a run of 10 passages
        start = rng.randrange(1, count - 10)
        account = [f"{source_id(number)}.p{i:04d}" for i in range(start, start + 10)]
    return rng, count, account


def _reprinted(plan: Plan, number: int) -> list[str]:
    """The first five paragraphs of source `number`, regenerated by replaying its stream."""
    rng, _, account = _source_stream(plan, number)
    sid = source_id(number)
    out = []
    for i in range(1, 6):
        planted = _planted(rng, plan, number * plan.per_source + i, {}, in_account=f"{sid}.p{i:04d}" in account)
        out.append(_paragraph(rng, plan, planted))
    return out


def _planted(rng: random.Random, plan: Plan, number: int, counts: dict[str, int], in_account: bool) -> list[str]:
    planted = []
    for text, share in PLANTED:
        boost = STRIKE_IN_ACCOUNTS if in_account and text == "strike" else 0.0
        if rng.random() < share + boost:
            planted.append(text)
    if number in plan.rare_at:
        planted.append(RARE[0])
    if rng.random() < NAME_SHARE:
        planted.append(rng.choices(plan.names, cum_weights=plan.name_weights)[0])
    if rng.random() < YEAR_SHARE:
        planted.append(f"in {rng.randint(1930, 1956)}")
    for text in planted:
        if text in _COUNTED:
            counts[text] = counts.get(text, 0) + 1
    return planted


def _metadata(rng: random.Random, sid: str, number: int, count: int, reprinted: list[str]) -> str:
    genres = ("eyewitness report", "scholarly article", "blog/journalism", "political essay", "web compilation")
    meta = [
        "+++",
        f'id = "{sid}"',
        'original = "synthetic.txt"',
        f'title = "Synthetic testimony {number}"',
        f'authors = ["Author {number % 97}"]',
        f'publication = "Generated by benchmarks/scale_corpus.py (seed {rng.random():.6f})"',
        f"year = {rng.randint(1950, 2010)}",
        f'genre = "{rng.choice(genres)}"',
        'language = "en"',
        'provenance = "Synthetic text for the scale benchmark; not a testimony."',
    ]
    if number % 100 == 3 and count > 3:
        meta += ["", "[[content_note]]", f'passage = "{sid}.p0003"', 'note = "A synthetic content note."']
    if reprinted:
        meta += ["", "[[reprint]]", f'of = "{source_id(number - 1)}"']
        meta += [f'first = "{sid}.p0001"', f'last = "{sid}.p{len(reprinted):04d}"']
    return "\n".join([*meta, "+++", ""])


def _events_toml(plan: Plan, results: list[dict[str, object]], places: list[str]) -> str:
    accounts: dict[int, list[tuple[str, list[str]]]] = {}
    for result in results:
        if result["account"]:
            passages = [str(p) for p in result["account"]]  # type: ignore[attr-defined]
            accounts.setdefault(int(str(result["event"])), []).append((str(result["source"]), passages))
    out = ["# Synthetic events for the scale benchmark (benchmarks/scale_corpus.py).", ""]
    for number in range(plan.events):
        year = 1930 + number % 27
        out += [
            "[[event]]",
            f'id = "{event_id(number)}"',
            f'title = "Synthetic event {number}"',
            f'kind = "{("resistance", "repression", "context")[number % 3]}"',
            f'start = "{year}-0{1 + number % 9}"',
            f'end = "{year + number % 2}"',
            f'date_text = "{year}"',
            f'places = ["{places[number % len(places)]}"]',
            'summary = "A generated event."',
            "",
        ]
        for episode in ("start", "middle", "end"):
            out += ["[[event.episode]]", f'id = "{episode}"', f'title = "The {episode}"', ""]
        for sid, passages in accounts.get(number, []):
            thirds = {"start": passages[:3], "middle": passages[3:7], "end": passages[7:]}
            episodes = ", ".join(f"{k} = {json.dumps(v)}" for k, v in thirds.items())
            out += ["[[event.account]]", f'source = "{sid}"', f"passages = {json.dumps(passages)}"]
            out += [f"episodes = {{ {episodes} }}", ""]
        if number in accounts:
            first = accounts[number][0][1][0]
            out += ["[[event.figure]]", 'what = "killed"', 'subject = "Generated figure"', f'value = "{number}"']
            out += [f'passage = "{first}"', 'given_by = "the generator"', ""]
    return "\n".join(out)


def generate(
    out: Path, passages: int, seed: int = SEED, per_source: int = PER_SOURCE, workers: int = 2
) -> dict[str, object]:
    """Write the corpus into `out` (replaced if present) and return what `generated.json` records."""
    started = time.perf_counter()
    plan = make_plan(passages, seed, per_source)
    if out.exists():
        shutil.rmtree(out)
    (out / "sources").mkdir(parents=True)
    (out / "originals").mkdir()
    (out / "originals" / "synthetic.txt").write_text("Generated by benchmarks/scale_corpus.py.\n", encoding="utf-8")
    shutil.copyfile(ROOT / "corpus" / "names.toml", out / "names.toml")
    not_names = ["# Capitalised words the generator writes that are not names.", *STARTERS, HEADING_WORD]
    (out / "not-names.txt").write_text("\n".join(not_names) + "\n", encoding="utf-8")
    numbers = range(-(-passages // per_source))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(write_source, [plan] * len(numbers), numbers, [out] * len(numbers), chunksize=8))
    places = place_ids(ROOT / "corpus" / "names.toml")
    (out / "events.toml").write_text(_events_toml(plan, results, places), encoding="utf-8")
    counts: dict[str, int] = {}
    for result in results:
        for text, n in result["counts"].items():  # type: ignore[attr-defined]
            counts[text] = counts.get(text, 0) + n
    info = {
        "passages": passages,
        "seed": seed,
        "sources": len(numbers),
        "events": plan.events,
        "accounts": sum(1 for r in results if r["account"]),
        "reprinted_sources": sum(1 for n in numbers if n % 50 == 7),
        "text_mb": round(sum(int(str(r["bytes"])) for r in results) / 1e6, 2),
        "word_list": f"{word_source()[0]} ({len(plan.words)} lowercase words)",
        "planted_passages": dict(sorted(counts.items(), key=lambda kv: -kv[1])),  # reprinted copies not counted
        "query_source": source_id(min(1, len(numbers) - 1)),
        "query_event": event_id(0),
        "seconds": round(time.perf_counter() - started, 1),
    }
    (out / "generated.json").write_text(json.dumps(info, indent=1), encoding="utf-8")
    return info


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--per-source", type=int, default=PER_SOURCE)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    info = generate(args.out, args.passages, args.seed, args.per_source, args.workers)
    print(json.dumps(info, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
