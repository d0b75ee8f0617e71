"""Four gaps of citeproc-py 0.11 that today's CSL styles (CSL 1.0.2) run into, filled in place.

- `initialize="false"` on `cs:name` (CSL 1.0.2): Chicago and APA set `initialize-with` on the
  style and turn it off for full names; citeproc-py ignores the switch and prints "P. Goble".
- Substituted variables must be suppressed in the rest of the output (CSL 1.0.2, "Substitution"):
  citeproc-py does this only for a substituted variable, not for a macro, so an anonymous work's
  title, which stands in for its author through a macro, is printed twice.
- A season in place of a month: citeproc-py asks for the season term in the month's `short`
  form, which the locales lack, and drops the date part ("Winter 2005" becomes "2005").
- A `cs:label` must be suppressed when its variable is empty (CSL 1.0.2, "Label"): citeproc-py
  prints the term anyway (Chicago's note for a blog post read "Paul Goble, ..., edition, ...").

`apply()` patches the classes once (and caches macro look-ups, which citeproc-py repeats by XPath);
`citations` calls it before loading a style.
"""

from __future__ import annotations

from typing import Any

_applied = False


def apply() -> None:
    global _applied
    if _applied:
        return
    from citeproc import model
    from citeproc.source import VariableError

    original_initialize = model.Name.initialize

    def initialize(self: Any, given: str, mark: str, context: Any) -> str:
        if self.get("initialize") == "false":
            return given
        return str(original_initialize(self, given, mark, context))

    collecting: list[list[tuple[str, str]]] = []  # the variables each open substitution rendered
    original_variable = model.Text._variable

    def text_variable(self: Any, item: Any, context: Any) -> Any:
        text = original_variable(self, item, context)
        if collecting and text:
            collecting[-1].append((self.tag, self.get("variable")))
        return text

    def substitute(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        for child in self.getchildren():
            collecting.append([])
            try:
                if isinstance(child, model.Names) and child.name is None:
                    names = self.xpath_search("./parent::cs:names[1]")[0]
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                collecting.pop()
                continue
            rendered = collecting.pop()
            if collecting:
                collecting[-1].extend(rendered)
            if text:
                repressed = context.get_layout().repressed
                if child.get("variable"):
                    rendered += [(child.tag, v) for v in child.get("variable").split()]
                for tag, variable in rendered:
                    repressed.setdefault(tag, []).append(variable)
                return text
        return None

    original_label = model.Label.process

    def label(self: Any, item: Any, variable: Any = None, plural: Any = None, context: Any = None, **kw: Any) -> Any:
        name = variable or self.get("variable")
        if name == "locator":
            if not item.has_locator:
                return None
        elif name:
            try:
                value = item.reference[name.replace("-", "_")]
            except (KeyError, VariableError):
                return None
            if not value:
                return None
        return original_label(self, item, variable, plural, context, **kw)

    original_part = model.Date_Part.process

    def date_part(self: Any, date: Any, context: Any = None) -> Any:
        if self.get("name") == "month":
            try:
                date.month  # noqa: B018  (raises VariableError when the date has no month)
            except VariableError:
                season = date.get("season")
                if season is None:
                    raise
                ctx = context if context is not None else self
                try:
                    return ctx.get_single_term(name=f"season-{int(season):02}")
                except (ValueError, TypeError):
                    return str(season)
        return original_part(self, date, context)

    macros: dict[tuple[int, str], tuple[Any, Any]] = {}
    original_macro = model.CitationStylesElement.get_macro

    def get_macro(self: Any, name: str) -> Any:
        # citeproc-py looks each macro up by XPath from the root at every use: a third of the time of
        # a Chicago note. A loaded style does not change, so look it up once per loaded style (by its
        # root, kept alive with the entry: the same file loaded twice is two styles).
        root = self.getroottree().getroot()
        key = (id(root), name)
        if key not in macros:
            macros[key] = (root, original_macro(self, name))
        return macros[key][1]

    model.CitationStylesElement.get_macro = get_macro
    model.Name.initialize = initialize
    model.Text._variable = text_variable
    model.Substitute.render = substitute
    model.Label.process = label
    model.Date_Part.process = date_part
    _applied = True
