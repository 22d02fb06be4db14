"""A faster stand-in for spaCy's ``Matcher`` on the rule spans' token patterns, with the same matches.

spaCy's ``Matcher`` starts every pattern at every token and calls its Python predicates (``IN``,
``REGEX``) through a ``Token`` object each time: with the ~90 token patterns of ``patterns/*.jsonl``
that is most of the time the extractor adds to the spaCy model. Here each token description of a
pattern is evaluated once per doc over the doc's attribute array (``Doc.to_array``; a regular
expression once per distinct string), a pattern is tried only where its first token can match, and
every (start, end) whose tokens fit the pattern is returned, as spaCy's matcher does (all matches,
overlapping ones included; no zero-length match).

Only what the pattern files use is compiled (plain token attributes with a value, ``IN``, ``REGEX``;
the operators ``?``, ``*``, ``+``); a pattern set with anything else, a call with options, a span
instead of a doc, or a doc lacking the annotation a pattern reads, goes to spaCy's own matcher.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

import numpy as np
from spacy.attrs import IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc

#: token attributes compared through ``Doc.to_array`` (what ``Token.get_struct_attr`` gives the matcher)
STRING_ATTRS = ("ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "TAG", "DEP", "LEMMA", "ENT_TYPE")
FLAG_ATTRS = ("IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT",
              "IS_SPACE", "IS_STOP", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL")
#: attributes the spaCy matcher refuses to read on a doc without their annotation
ANNOTATED = ("TAG", "DEP", "LEMMA")
#: the memo of verdicts per string hash holds at most this many strings per column
MEMO = 200_000
#: verdicts are kept as bits in words of this size
WORD = 62
MASK = (1 << WORD) - 1


class Unsupported(ValueError):
    """A pattern this matcher does not compile (spaCy's matcher then does all the matching)."""




def _attr_name(name) -> str:
    if not isinstance(name, str):
        raise Unsupported(f"attribute {name!r}")
    name = name.upper()
    if name == "TEXT":
        name = "ORTH"
    if name not in STRING_ATTRS and name not in FLAG_ATTRS:
        raise Unsupported(f"attribute {name}")
    return name


class FastTokenMatcher:
    """Wraps the ``Matcher`` of a ``SpanRuler`` (``ruler.matcher = FastTokenMatcher(...)``): same
    ``(key, start, end)`` matches; anything else is the wrapped matcher's."""

    def __init__(self, vocab, matcher, patterns: Iterable[tuple[int, list]]):
        self._matcher = matcher
        self._strings = vocab.strings
        self._attrs: list[str] = []          # columns read per doc
        self._preds: list[tuple] = []        # (kind, column, value) per distinct predicate
        self._pred_index: dict = {}
        self._specs: list[tuple[int, ...]] = []  # predicate indexes per distinct token description
        self._spec_index: dict = {}
        self._compiled: list[tuple[int, list[tuple[int, str]], tuple[int, ...], tuple[int, ...]]] = []
        self._annotated: set[str] = set()
        self._tabled: dict[str, list[int]] = {}  # per column, its predicates judged per distinct string
        self._memo: dict[str, dict[int, int]] = {}
        self.active = True
        try:
            for key, pattern in patterns:
                if key not in matcher:
                    raise Unsupported("a key the wrapped matcher does not hold")
                self._compiled.append(self._compile(key, pattern))
            if len({c[0] for c in self._compiled}) != len(matcher):
                raise Unsupported("the wrapped matcher holds other patterns")
        except Unsupported:
            self.active = False
        self._cols = {name: i for i, name in enumerate(self._attrs)}
        self._attr_ids = [IDS[name] for name in self._attrs]

    # ------------------------------------------------------------------------------------ compiling
    def _column(self, name: str) -> int:
        if name not in self._attrs:
            self._attrs.append(name)
            if name in ANNOTATED:
                self._annotated.add(name)
        return self._attrs.index(name)

    def _pred(self, name: str, value) -> int:
        if isinstance(value, dict):
            if len(value) != 1:
                raise Unsupported(f"predicates {sorted(value)}")
            (op, arg), = value.items()
            if op == "IN" and isinstance(arg, (list, tuple)) and all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in arg):
                values = frozenset(get_string_id(v) for v in arg)
                pred, key = ("in", name, values), ("in", name, tuple(sorted(values)))
            elif op == "REGEX" and isinstance(arg, str) and name in STRING_ATTRS:
                pred, key = ("regex", name, re.compile(arg)), ("regex", name, arg)
            else:
                raise Unsupported(f"predicate {op}")
        elif isinstance(value, bool):
            if name not in FLAG_ATTRS:
                raise Unsupported(f"{name}: {value!r}")
            pred, key = ("eq", name, int(value)), ("eq", name, int(value))
        elif isinstance(value, str) and name in STRING_ATTRS:
            h = self._strings.add(value)
            pred, key = ("in", name, frozenset((h,))), ("in", name, (h,))
        else:
            raise Unsupported(f"{name}: {value!r}")
        if key not in self._pred_index:
            self._column(name)
            self._pred_index[key] = len(self._preds)
            if pred[0] != "eq":
                group = self._tabled.setdefault(name, [])
                pred = pred + (len(group),)
                group.append(len(self._preds))
            self._preds.append(pred)
        return self._pred_index[key]

    def _verdicts(self, name: str, h: int) -> int:
        """The verdicts of every tabled predicate of column ``name`` on the string ``h``, as bits."""
        text = None
        bits = 0
        for j, p in enumerate(self._tabled[name]):
            kind, _, value, _ = self._preds[p]
            if kind == "in":
                hit = h in value
            else:
                if text is None:
                    text = self._strings[h]
                hit = value.search(text) is not None
            if hit:
                bits |= 1 << j
        return bits

    def _table(self, name: str, col: np.ndarray) -> tuple[list[np.ndarray], int]:
        """Per token of the doc, the bits of ``_verdicts`` (words of ``WORD`` bits), each distinct
        string judged once and remembered across docs; and the bits that any token has."""
        memo = self._memo.setdefault(name, {})
        if len(memo) > MEMO:
            memo.clear()
        uniq, inv = np.unique(col, return_inverse=True)
        rows = []
        for h in uniq.tolist():
            bits = memo.get(h)
            if bits is None:
                bits = memo[h] = self._verdicts(name, h)
            rows.append(bits)
        inv = inv.reshape(-1)
        present = 0
        for bits in rows:
            present |= bits
        words = (len(self._tabled[name]) + WORD - 1) // WORD
        if words == 1:
            return [np.array(rows, dtype=np.int64)[inv]], present
        return [np.array([(b >> (WORD * w)) & MASK for b in rows], dtype=np.int64)[inv] for w in range(words)], present

    def _spec(self, token: dict) -> int:
        preds = []
        for attr, value in token.items():
            if isinstance(attr, str) and attr.upper() == "OP":
                continue
            preds.append(self._pred(_attr_name(attr), value))
        key = tuple(sorted(set(preds)))
        if key not in self._spec_index:
            self._spec_index[key] = len(self._specs)
            self._specs.append(key)
        return self._spec_index[key]

    def _compile(self, key: int, pattern: list) -> tuple:
        if not isinstance(pattern, list) or not pattern:
            raise Unsupported("an empty pattern")
        steps: list[tuple[int, str]] = []
        for token in pattern:
            if not isinstance(token, dict):
                raise Unsupported("a token that is no dict")
            ops = [v for k, v in token.items() if isinstance(k, str) and k.upper() == "OP"]
            op = ops[0] if ops else "1"
            if op not in ("1", "?", "*", "+"):
                raise Unsupported(f"operator {op!r}")
            spec = self._spec(token)
            if op == "+":
                steps.extend([(spec, "1"), (spec, "*")])
            else:
                steps.append((spec, op))
        # where a match can begin: at a token fitting one of the descriptions up to and including
        # the first required one; when a pattern opens with required tokens, where they all fit in a row
        firsts = []
        for spec, op in steps:
            firsts.append(spec)
            if op == "1":
                break
        run = []
        for spec, op in steps:
            if op != "1":
                break
            run.append(spec)
        return key, steps, tuple(dict.fromkeys(firsts)), tuple(run)

    # ------------------------------------------------------------------------------------- matching
    def __call__(self, doclike, **kwargs):
        if not self.active or kwargs or not isinstance(doclike, Doc) or len(self._compiled) == 0:
            return self._matcher(doclike, **kwargs)
        doc = doclike
        for name in self._annotated:
            if not doc.has_annotation(name):
                return self._matcher(doclike, **kwargs)
        n = len(doc)
        if n == 0:
            return []
        arr = doc.to_array(self._attr_ids)
        if arr.ndim == 1:
            arr = arr.reshape(n, 1)
        pred_vals: dict[int, np.ndarray] = {}
        spec_vals: dict[int, np.ndarray] = {}
        spec_lists: dict[int, list] = {}

        tables: dict[str, tuple[list[np.ndarray], int]] = {}

        def table(name: str) -> tuple[list[np.ndarray], int]:
            got = tables.get(name)
            if got is None:
                got = tables[name] = self._table(name, arr[:, self._cols[name]])
            return got

        def absent(s: int) -> bool:
            """The token description has a tabled predicate no token of the doc fits (no array needed)."""
            for p in self._specs[s]:
                pred = self._preds[p]
                if pred[0] != "eq" and not (table(pred[1])[1] >> pred[3]) & 1:
                    return True
            return False

        def pred_val(p: int) -> np.ndarray:
            got = pred_vals.get(p)
            if got is None:
                pred = self._preds[p]
                name = pred[1]
                if pred[0] == "eq":
                    got = arr[:, self._cols[name]] == pred[2]
                else:
                    j = pred[3]
                    got = ((table(name)[0][j // WORD] >> (j % WORD)) & 1).astype(bool)
                pred_vals[p] = got
            return got

        def spec_val(s: int) -> np.ndarray:
            got = spec_vals.get(s)
            if got is None:
                preds = self._specs[s]
                got = pred_val(preds[0])
                for p in preds[1:]:
                    got = got & pred_val(p)
                spec_vals[s] = got
            return got

        def spec_list(s: int) -> list:
            got = spec_lists.get(s)
            if got is None:
                got = spec_lists[s] = spec_val(s).tolist()
            return got

        out = []
        for key, steps, firsts, run in self._compiled:
            if all(absent(s) for s in firsts):
                continue
            can = spec_val(firsts[0])
            for s in firsts[1:]:
                can = can | spec_val(s)
            if not can.any():
                continue
            if len(run) > 1:
                if len(run) > n:
                    continue
                can = can.copy()
                for k, s in enumerate(run[1:], 1):
                    can[:n - k] &= spec_val(s)[k:]
                    can[n - k:] = False
            starts = np.flatnonzero(can).tolist()
            if not starts:
                continue
            checks = [spec_list(s) for s, _ in steps]
            m = len(steps)
            for start in starts:
                for end in _ends(steps, checks, m, start, n):
                    out.append((key, start, end))
        return out

    # the rest is the wrapped matcher's; adding or removing patterns leaves the matching to it
    def add(self, *args, **kwargs):
        self.active = False
        return self._matcher.add(*args, **kwargs)

    def remove(self, *args, **kwargs):
        self.active = False
        return self._matcher.remove(*args, **kwargs)

    def __len__(self) -> int:
        return len(self._matcher)

    def __contains__(self, key) -> bool:
        return key in self._matcher

    def __getattr__(self, name):
        return getattr(self._matcher, name)


def _closure(steps: list, states: set, m: int) -> set:
    """``states`` with every state reached by skipping optional steps (``?``, ``*``)."""
    todo = list(states)
    while todo:
        s = todo.pop()
        if s < m and steps[s][1] != "1" and s + 1 not in states:
            states.add(s + 1)
            todo.append(s + 1)
    return states


def _ends(steps: list, checks: list, m: int, start: int, n: int) -> list[int]:
    """Every end of a match of ``steps`` beginning at token ``start`` (longer than zero tokens)."""
    ends = []
    states = _closure(steps, {0}, m)
    i = start
    while states and i < n:
        nxt: set = set()
        for s in states:
            if s < m and checks[s][i]:
                if steps[s][1] == "*":
                    nxt.add(s)
                nxt.add(s + 1)
        i += 1
        states = _closure(steps, nxt, m)
        if m in states:
            ends.append(i)
    return ends


def wrap_ruler(ruler, patterns: list[dict]) -> Optional[FastTokenMatcher]:
    """Give ``ruler`` (a ``SpanRuler`` holding ``patterns``) the fast matcher for its token patterns."""
    strings = ruler.nlp.vocab.strings
    token_patterns = [(strings.as_int(repr((p["label"], p.get("id", "")))), p["pattern"])
                      for p in patterns if isinstance(p["pattern"], list)]
    fast = FastTokenMatcher(ruler.nlp.vocab, ruler.matcher, token_patterns)
    if not fast.active:
        return None
    ruler.matcher = fast
    return fast
