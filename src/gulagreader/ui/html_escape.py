"""`escape`: the standard library's `html.escape`, without importing `html`.

`html` loads its table of 2,231 named character references (`html.entities`) and compiles a
pattern, ~3-9 ms that the first window and the library page would pay before anyone can search,
for the five replacements below. The views built later use `html.escape` itself.
"""

from __future__ import annotations


def escape(text: str, quote: bool = True) -> str:
    """`text` with &, < and > (and with `quote`, " and ') as HTML character references."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote:
        text = text.replace('"', "&quot;").replace("'", "&#x27;")
    return text
