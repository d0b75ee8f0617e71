"""Our query language, parsed leniently into a small syntax tree. No engine here.

What a query can hold, and what each form finds, is described once in `query_language.OPERATORS`.

`parse` never raises: whatever it cannot read it reads as plain words and says so.
"""

# No postponed annotations here: a search process defines this module's named tuples (CONTRIBUTING.md, Start-up).

import re
from typing import Any, NamedTuple

from gulagreader.core.text import folded_words

MAX_QUERY_CHARS = 1000
MAX_CLAUSES = 64
MAX_FUZZY = 8  # more fuzzy words are read as plain words: each costs every hit a pass over its words
MAX_DEPTH = 16  # brackets nested deeper are ignored: the parser recurses once per level
FIELDS = ("source", "event", "author", "year")


class _Node:
    """A node of the tree: immutable by convention, equal to a node of its kind with equal parts.

    Plain classes, not dataclasses: a search process would spend ~1 ms defining each dataclass.
    What was typed (`typed`, kept for highlighting) is left out of equality.
    """

    __slots__: tuple[str, ...] = ()

    def _parts(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__ if name != "typed")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._parts() == other._parts()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._parts()))

    def __repr__(self) -> str:
        parts = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({parts})"


class Word(_Node):
    """A plain word: stemmed, plus name variants and transliterations of it."""

    __slots__ = ("text", "typed")

    def __init__(self, text: str, typed: str = "") -> None:
        self.text = text
        self.typed = typed  # as typed: 'Usa' (the river) is not 'USA'


class Phrase(_Node):
    """Folded words that must occur in this order."""

    __slots__ = ("typed", "words")

    def __init__(self, words: tuple[str, ...], typed: str = "") -> None:
        self.words = words
        self.typed = typed  # as typed, if one token ("Noril'sk", "Ust-Usa")


class Prefix(_Node):
    """Every word starting with `prefix` (folded)."""

    __slots__ = ("prefix",)

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix


class Fuzzy(_Node):
    """Words within one or two edits of `word` (folded)."""

    __slots__ = ("word",)

    def __init__(self, word: str) -> None:
        self.word = word


class FieldFilter(_Node):
    """`source:`, `event:` or `author:` restriction."""

    __slots__ = ("field", "value")

    def __init__(self, field: str, value: str) -> None:
        self.field = field
        self.value = value


class YearRange(_Node):
    """`year:1953` or `year:1936..1938` (inclusive)."""

    __slots__ = ("first", "last")

    def __init__(self, first: int, last: int) -> None:
        self.first = first
        self.last = last


class Group(_Node):
    """An implicit AND of `items` (ranked 'all first, then any'), minus `excluded`."""

    __slots__ = ("excluded", "items")

    def __init__(self, items: "tuple[Node, ...]" = (), excluded: "tuple[Node, ...]" = ()) -> None:
        self.items = items
        self.excluded = excluded


class Either(_Node):
    """`a OR b OR c`."""

    __slots__ = ("options",)

    def __init__(self, options: "tuple[Node, ...]") -> None:
        self.options = options


Node = Word | Phrase | Prefix | Fuzzy | FieldFilter | YearRange | Group | Either


class ParsedQuery(NamedTuple):
    """The tree of a query, its filters, and what the parser had to say about it."""

    root: Group
    filters: tuple[FieldFilter | YearRange, ...] = ()
    messages: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.root.items and not self.root.excluded and not self.filters


_TOKEN = re.compile(r'"|\(|\)|[^\s"()]+')
_YEAR = re.compile(r"^(\d{3,4})(?:\s*(?:\.\.|-|–)\s*(\d{3,4}))?$")


class _Parser:
    """The state of one parse (a plain class: a search process need not define a dataclass for it)."""

    def __init__(self, tokens: list[str], messages: list[str] | None = None) -> None:
        self.tokens = tokens
        self.pos = 0
        self.messages: list[str] = [] if messages is None else messages
        self.filters: list[FieldFilter | YearRange] = []
        self.clauses = 0
        self.fuzzy = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def note(self, message: str) -> None:
        if message not in self.messages:
            self.messages.append(message)

    def parse_or(self, depth: int) -> Node | None:
        options: list[Node] = []
        first = self.parse_and(depth)
        if first is not None:
            options.append(first)
        while self.peek() == "OR":
            self.take()
            nxt = self.parse_and(depth)
            if nxt is None:
                self.note("'OR' needs a word on both sides; it was ignored.")
            else:
                options.append(nxt)
        if first is None and options:
            self.note("'OR' needs a word on both sides; it was ignored.")
        if not options:
            return None
        if len(options) == 1:
            return options[0]
        # An exclusion applies to the whole OR: 'vorkuta OR norilsk -berlin' drops berlin from both.
        excluded = tuple(x for o in options if isinstance(o, Group) for x in o.excluded)
        kept = [
            (o.items[0] if len(o.items) == 1 else Group(o.items)) if isinstance(o, Group) else o
            for o in options
            if not (isinstance(o, Group) and not o.items)
        ]
        either = Either(tuple(kept))
        return Group((either,), excluded) if excluded else either

    def parse_and(self, depth: int) -> Node | None:
        items: list[Node] = []
        excluded: list[Node] = []
        while (token := self.peek()) is not None and token != "OR":
            if token == ")":
                if depth > 0:
                    break
                self.take()
                self.note("An unmatched ')' was ignored.")
                continue
            if token == "AND":
                self.take()
                continue
            negate = False
            if token == "NOT" or (token.startswith("-") and len(token) > 1):
                negate = True
                if token == "NOT":
                    self.take()
                    if self.peek() in (None, "OR", ")"):
                        self.note("'NOT' needs a word after it; it was ignored.")
                        continue
                else:
                    self.tokens[self.pos] = token[1:]
            node = self.parse_unary(depth)
            if node is None:
                continue
            if self.clauses >= MAX_CLAUSES:
                self.note(f"Only the first {MAX_CLAUSES} terms were used.")
                self.pos = len(self.tokens)
                break
            self.clauses += 1
            (excluded if negate else items).append(node)
        if not items and not excluded:
            return None
        if not items and excluded and depth == 0 and not self.filters:
            self.note("A query of only excluded words matches everything else; showing all passages without them.")
        if len(items) == 1 and not excluded:
            return items[0]
        return Group(tuple(items), tuple(excluded))

    def parse_unary(self, depth: int) -> Node | None:
        token = self.take()
        if token == "(" and depth >= MAX_DEPTH:
            self.note(f"Brackets nested more than {MAX_DEPTH} deep were ignored.")
            return None
        if token == "(":
            inner = self.parse_or(depth + 1)
            if self.peek() == ")":
                self.take()
            else:
                self.note("A '(' was not closed; it was closed at the end.")
            return inner
        if token == '"':
            words: list[str] = []
            while (nxt := self.peek()) is not None and nxt != '"':
                words.extend(folded_words(self.take()))
            if self.peek() == '"':
                self.take()
            else:
                self.note("A quote was not closed; it was closed at the end.")
            if not words:
                return None
            return Phrase(tuple(words))
        return self.parse_term(token)

    def parse_term(self, token: str) -> Node | None:
        name, colon, value = token.partition(":")
        if colon and name.lower() in FIELDS and value:
            return self.parse_field(name.lower(), value)
        if colon and name and value and name.isalpha():
            self.note(f"Unknown field '{name}:' was read as words (fields: {', '.join(FIELDS)}).")
        if token.endswith("*") and len(token.rstrip("*")) > 0:
            stem = folded_words(token.rstrip("*"))
            if len(stem) == 1 and len(stem[0]) >= 2:
                return Prefix(stem[0])
            self.note("A prefix needs at least two letters before '*'; it was read as a word.")
        if token.endswith("~"):
            fuzzy = folded_words(token.rstrip("~"))
            if len(fuzzy) == 1 and len(fuzzy[0]) >= 3:
                if self.fuzzy < MAX_FUZZY:
                    self.fuzzy += 1
                    return Fuzzy(fuzzy[0])
                self.note(f"Only the first {MAX_FUZZY} words with '~' were searched fuzzily; the others as written.")
        parts = folded_words(token)
        if not parts:
            return None
        if len(parts) == 1:
            return Word(parts[0], token)
        return Phrase(tuple(parts), token)

    def parse_field(self, name: str, value: str) -> Node | None:
        if name == "year":
            match = _YEAR.match(value)
            if not match:
                self.note(f"'year:{value}' is not a year or range (e.g. year:1953, year:1936..1938); ignored.")
                return None
            first = int(match.group(1))
            last = int(match.group(2) or first)
            self.filters.append(YearRange(min(first, last), max(first, last)))
            return None
        if name == "author":
            words = folded_words(value)
            if words:
                self.filters.append(FieldFilter("author", " ".join(words)))
            return None
        self.filters.append(FieldFilter(name, value.strip().lower()))
        return None


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def sound(text: str) -> str:
    """`text` with any lone surrogate (half of a UTF-16 pair, or an undecodable byte of an argument
    read with surrogateescape) replaced by U+FFFD, which every encoder, SQLite and tantivy accept."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def parse(text: str) -> ParsedQuery:
    """Parse a query leniently; never raises."""
    messages: list[str] = []
    if len(text) > MAX_QUERY_CHARS:  # cut first: a pasted megabyte is not cleaned character by character
        text = text[:MAX_QUERY_CHARS]
        messages.append(f"The query was cut to its first {MAX_QUERY_CHARS} characters.")
    cleaned = "".join(" " if (ord(c) < 32 or 0x7F <= ord(c) < 0xA0) else c for c in text)
    cleaned = sound(cleaned)  # from a broken UTF-8 argument or an API caller
    cleaned = cleaned.replace("“", '"').replace("”", '"').replace("„", '"')
    parser = _Parser(_TOKEN.findall(cleaned), messages=messages)
    root = parser.parse_or(0)
    while parser.peek() is not None:  # stray ')' at top level, or text after them
        more = parser.parse_or(0)
        if more is not None:
            root = more if root is None else Group((root, more))
    if root is None:
        group = Group()
    elif isinstance(root, Group):
        group = root
    else:
        group = Group((root,))
    return ParsedQuery(group, tuple(parser.filters), tuple(parser.messages))
