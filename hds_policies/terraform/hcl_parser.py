"""A fast HCL2 reader producing exactly the tree bc-python-hcl2's `hcl2.loads` produces.

Checkov and the native scanner must see the same tree, and the loader reads that tree's shape
(attributes wrapped in lists, expressions rendered as "${...}" text, `__start_line__` /
`__end_line__` on labelled blocks). The reference parser is a pure-Python Lark grammar and the
slowest step of a cold scan; this one is a regular-expression tokenizer and a recursive-descent
parser, about 10x faster (BENCHMARKS.md). Anything it does not recognise raises `Unsupported`, and
the caller falls back to the reference parser, which also produces the error messages for malformed
files; for valid Terraform the reference rejects, the caller reads the text again with
`lenient=True`. A differential test holds the two to identical output over every fixture and a
syntax corpus (bench/parse_compare.py does the same on any code).

Rendering follows the reference parser's conventions, quirks included: expressions become text with
single spaces around operators, parentheses dropped, nested values rendered with `str()` (Python
reprs of nested tuples and objects inside function calls, `True`/`None` inside expressions), string
escapes kept as written.
"""

from __future__ import annotations

import bisect
import re
import sys
from array import array
from collections.abc import Callable, Iterator
from typing import Any

_TOKEN = re.compile(
    r"""[ \t]*(?:
      (?P<nl>(?:\r?\n|\#[^\n]*\n|//[^\n]*\n))
    | (?P<bc>/\*[\s\S]*?\*/)
    | (?P<id>[A-Za-z_][A-Za-z0-9_-]*)
    | (?P<num>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)
    | (?P<str>"(?:[^"\\$\n]|\\[^\n]|\$\$\{|\$(?!\{))*")
    | (?P<tpl>")
    | (?P<hd><<-?[A-Za-z][A-Za-z0-9._-]*\r?\n)
    | (?P<op>==|!=|<=|>=|&&|\|\||=>|\.\.\.|::|\.\*|\[\*\]|[=\{\}\[\]\(\),.?:+\-*/%<>!])
    | (?P<end>\Z)
    | (?P<bad>[\s\S])
    )""",
    re.VERBOSE,
)
_HEREDOC = re.compile(r"<<(-?)([A-Za-z][A-Za-z0-9._-]*)\r?\n")
_BINARY = frozenset({"==", "!=", "<", ">", "<=", ">=", "-", "*", "/", "%", "&&", "||", "+"})
_LITERALS = {"true": True, "false": False, "null": None}
# Blocks whose body gets __start_line__/__end_line__, by how many labels lead to it.
_LINED_DEPTH = {"resource": 2, "data": 2, "module": 1, "provider": 1, "variable": 1, "locals": 0,
                "terraform": 0}

# Brackets and blocks nested deeper than this are refused (TooDeep): real code nests a few levels, and
# every level costs the recursive reader (and the evaluator after it) a handful of Python frames.
MAX_NESTING = 500
_FRAMES_PER_LEVEL = 8

# Token kinds
NL, ID, NUM, STR, HD, OP, END = "nl", "id", "num", "str", "hd", "op", "end"


class Unsupported(Exception):
    """The text uses syntax this reader does not handle (or is malformed): use the reference parser."""


class TooDeep(ValueError):
    """Brackets or blocks nested deeper than MAX_NESTING (a limit of this tool, not of HCL)."""

    def __init__(self, line: int):
        super().__init__(line)
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: nested more than {MAX_NESTING} levels deep (the limit of hds-policies)"


class Heredoc(str):
    """A heredoc's text in quotes, as the reference parser renders it inside expressions."""


def loads(text: str, lenient: bool = False, keep_parens: bool = False,
          each: Callable[[dict[str, Any]], Any] | None = None) -> dict[str, Any]:
    """Parse HCL text into the reference parser's tree; Unsupported when it cannot. `lenient` reads
    what the reference renders in its own way (comments inside for expressions) without that quirk:
    for text the reference parser rejects. `keep_parens` keeps parentheses around grouped
    expressions (the reference drops them), for the evaluator that needs the source's grouping.
    A leading byte-order mark is ignored, as Terraform ignores it; TooDeep when brackets or blocks
    nest deeper than MAX_NESTING. `each` is called on every top-level item's tree as it is read, before
    it joins the document (packed.pack_bodies: the whole file's tree is never held at once)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    limit = sys.getrecursionlimit()
    needed = MAX_NESTING * _FRAMES_PER_LEVEL + 200
    if limit < needed:
        sys.setrecursionlimit(needed)
    try:
        # One newline at the end (the reader's last token); a text that has one is not copied.
        parser = _Parser(text if text.endswith("\n") else text + "\n", lenient)
        parser.keep_parens = keep_parens
        return parser.document(each)
    finally:
        if limit < needed:
            sys.setrecursionlimit(limit)


def _string_end(text: str, pos: int) -> int:
    """End offset of the quoted template starting at `pos` (a '"'), interpolations included."""
    i, n, depth = pos + 1, len(text), 0
    while i < n:
        c = text[i]
        if depth == 0:
            if c == '"':
                return i + 1
            if c == "\\":
                if text.startswith("\n", i + 1):
                    raise Unsupported("newline in a quoted string")
                i += 2
                continue
            if c == "\n":
                raise Unsupported("newline in a quoted string")
            if c == "$" and text.startswith("$${", i):  # an escaped, literal "${"
                i += 3
                continue
            if c == "$" and text.startswith("${", i):
                depth, i = 1, i + 2
                continue
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == '"':
            i = _string_end(text, i)
            continue
        i += 1
    raise Unsupported("unterminated string")


def _heredoc_end(text: str, pos: int) -> int:
    """End offset of the heredoc starting at `pos`: the end of the line that holds only its name
    (indentation allowed), as Terraform reads it."""
    head = _HEREDOC.match(text, pos)
    if head is None:
        raise Unsupported("heredoc")
    closing = re.compile(r"^[ \t]*" + re.escape(head.group(2)) + r"[ \t]*\r?$", re.MULTILINE)
    found = closing.search(text, head.end())
    if found is None:
        raise Unsupported("unterminated heredoc")
    return found.end()


def _heredoc_value(raw: str) -> Heredoc:
    """The heredoc's text without its marker lines (no final newline: the reference parser's
    convention); `<<-` removes the common leading spaces."""
    lines = raw.replace("\r\n", "\n").split("\n")[1:-1]  # between the <<NAME line and the NAME line
    if raw.startswith("<<-") and lines:
        indent = min(len(line) - len(line.lstrip(" ")) for line in lines)
        lines = [line[indent:] for line in lines]
    return Heredoc('"' + "\n".join(lines) + '"')


_OPENING = frozenset("{[(")
_CLOSING = frozenset("}])")


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    """Every token of `text` (tests and tools; the parser reads them one top-level item at a time)."""
    return [tok for chunk in _chunks(text) for tok in chunk]


def _chunks(text: str) -> Iterator[list[tuple[str, str, int]]]:
    """The tokens, one top-level item at a time: a chunk ends with a newline outside any bracket (the
    last one with the END token). The parser holds one chunk, not the whole file's tokens: on a
    large file, most of the memory of parsing was the token list."""
    tokens: list[tuple[str, str, int]] = []
    append = tokens.append
    match = _TOKEN.match
    intern = sys.intern  # the same names and operators repeat on every line: one string object each
    depth = 0
    pos = 0
    while True:
        m = match(text, pos)
        kind = m.lastgroup  # type: ignore[union-attr]
        start = m.start(kind)  # type: ignore[union-attr,arg-type]
        pos = m.end()  # type: ignore[union-attr]
        if kind == "op":
            op = m.group(kind)  # type: ignore[union-attr]
            append((kind, op, start))
            if op in _OPENING:
                depth += 1
            elif op in _CLOSING:
                depth -= 1
        elif kind == "id":
            append((kind, intern(m.group(kind)), start))  # type: ignore[union-attr]
        elif kind == "nl":
            append((kind, m.group(kind), start))  # type: ignore[union-attr]
            if depth <= 0 and len(tokens) > 1:
                yield tokens
                tokens = []
                append = tokens.append
        elif kind == "str":
            append((kind, m.group(kind), start))  # type: ignore[union-attr]
        elif kind == "num":
            append((NUM, m.group(kind), start))  # type: ignore[union-attr]
        elif kind == "tpl":
            pos = _string_end(text, start)
            append((STR, text[start:pos], start))
        elif kind == "hd":
            pos = _heredoc_end(text, start)
            append((HD, text[start:pos], start))
        elif kind == "bc":
            continue
        elif kind == "end":
            append((END, "", start))
            yield tokens
            return
        else:
            raise Unsupported(f"unexpected character {text[start]!r}")


def as_value(value: Any) -> Any:
    """What an attribute, tuple element or object value holds: literals as they are, quoted
    strings unquoted, any other expression text wrapped in ${...}."""
    if not isinstance(value, str):
        return value
    if isinstance(value, Heredoc):
        return value[1:-1]
    if value.startswith('"') and value.endswith('"'):
        if value.startswith('"${') and value.endswith('}"'):
            return value[1:-1]
        escaped = value.count('\\"') - (1 if value.endswith('\\"') else 0)
        if value.count('"') - escaped == 2:
            return value[1:-1]
    return "${" + value + "}"


def _unquote(value: Any) -> Any:
    if isinstance(value, str) and value.startswith('"') and value.endswith('"'):
        return value[1:-1]
    return value


def _number(text: str) -> int | float:
    """A numeric literal: 12 -> 12, 1.5 -> 1.5, 1e3 -> 1000 (Terraform numbers; integral values as int)."""
    if "e" not in text and "E" not in text:
        return float(text) if "." in text else int(text)
    value = float(text)
    return int(value) if value.is_integer() and abs(value) < 2 ** 63 else value


def _add(body: dict[str, Any], key: str, value: Any) -> None:
    if key not in body:
        body[key] = [value]
    elif isinstance(value, list):
        body[key].extend(value)
    else:
        body[key].append(value)


class _Parser:
    """Recursive descent over the token list; each method renders what the reference renders."""

    def __init__(self, text: str, lenient: bool = False):
        self.text = text
        self.chunks = _chunks(text)
        self.toks: list[tuple[str, str, int]] = []
        self.i = 0
        self.lenient = lenient
        self.keep_parens = False
        self.bracketed = 0  # inside ( ) or [ ], where newlines separate nothing
        self.depth = 0  # brackets and blocks open (MAX_NESTING)
        self._newlines: array[int] | None = None

    # -- helpers -------------------------------------------------------------------------
    def line(self, offset: int) -> int:
        if self._newlines is None:  # an array of offsets: 8 bytes a line, not a Python int each
            self._newlines = array("q", (m.start() for m in re.finditer("\n", self.text)))
        return bisect.bisect_left(self._newlines, offset) + 1

    def skip_nl(self) -> None:
        toks, i = self.toks, self.i
        while toks[i][0] == NL:
            i += 1
        self.i = i

    def skip_nl_in_for(self) -> None:
        """Newlines where the reference grammar has an optional newline in a for expression's intro,
        condition or before its value: it keeps those tokens in its output unless a token is a lone
        "\\n" (a comment, a CRLF or a blank line there would show in the text)."""
        toks, i = self.toks, self.i
        while toks[i][0] == NL:
            shown = toks[i][1] != "\n" or (toks[i - 1][0] == NL and toks[i - 1][2] + 1 == toks[i][2])
            if shown and not self.lenient:
                raise Unsupported("comment or blank line inside a for expression")
            i += 1
        self.i = i

    def expect(self, text: str) -> None:
        tok = self.toks[self.i]
        if tok[0] != OP or tok[1] != text:
            raise Unsupported(f"expected {text!r}")
        self.i += 1

    def at_op(self, text: str) -> bool:
        tok = self.toks[self.i]
        return tok[0] == OP and tok[1] == text

    def enter(self, offset: int) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise TooDeep(self.line(offset))

    # -- structure -----------------------------------------------------------------------
    def document(self, each: Callable[[dict[str, Any]], Any] | None = None) -> dict[str, Any]:
        """The top-level body, read one chunk (top-level item) at a time; each chunk ends with an
        END token of its own, so the body reader stops at its end as at the end of the file. `each`
        sees every chunk's tree before it joins the document."""
        out: dict[str, Any] = {}
        for chunk in self.chunks:
            last = chunk[-1]
            if last[0] != END:
                chunk.append((END, "", last[2]))
            self.toks, self.i = chunk, 0
            item = self.body()
            if each is not None:
                each(item)
            for key, values in item.items():
                if key in out:
                    out[key].extend(values)
                else:
                    out[key] = values
            self.skip_nl()
            if self.toks[self.i][0] != END:
                raise Unsupported("unexpected '}'")
        self.toks = []
        return out

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        toks = self.toks
        while True:
            self.skip_nl()
            kind, name, start = toks[self.i]
            if kind != ID:
                return out
            self.i += 1
            nxt = toks[self.i]
            if nxt[0] == OP and nxt[1] == "=":
                self.i += 1
                _add(out, name, as_value(self.expression()))
                continue
            labels: list[str] = []
            while nxt[0] == ID or nxt[0] == STR:
                labels.append(_unquote(nxt[1]))
                self.i += 1
                nxt = toks[self.i]
            self.expect("{")
            self.enter(start)
            inner = self.body()
            self.depth -= 1
            end = toks[self.i]
            self.expect("}")
            depth = _LINED_DEPTH.get(name)
            if depth is not None and depth <= len(labels):
                target = inner
                if depth < len(labels):  # the lines sit on the dict `depth` labels deep
                    target = self._nest(labels[depth:], inner)
                    value = self._nest(labels[:depth], target)
                else:
                    value = self._nest(labels, inner)
                target["__start_line__"] = self.line(start)
                target["__end_line__"] = self.line(end[2])
            else:
                value = self._nest(labels, inner)
            _add(out, name, value)

    @staticmethod
    def _nest(labels: list[str], inner: Any) -> Any:
        for label in reversed(labels):
            inner = {label: inner}
        return inner

    # -- expressions ---------------------------------------------------------------------
    def _continues(self) -> str | None:
        """The operator continuing the current expression, looking past newlines (the reference
        grammar lets an operand carry trailing newlines)."""
        toks, j = self.toks, self.i
        while toks[j][0] == NL:
            j += 1
        kind, text, _ = toks[j]
        if kind == OP and (text in _BINARY or text == "?"):
            self.i = j
            return text
        return None

    def expression(self) -> Any:
        first = self.operand()
        op = self._continues()
        if op is None:
            return first
        parts = [str(first)]
        while op is not None and op != "?":
            self.i += 1
            self.skip_nl()
            parts.append(op)
            parts.append(str(self.operand()))
            op = self._continues()
        if op == "?":
            self.i += 1
            then = self.enclosed(":")
            self.skip_nl()
            other = self.expression()
            return f"{' '.join(parts)} ? {then} : {other}"
        return " ".join(parts)

    def enclosed(self, closing: str) -> Any:
        """An expression followed by `closing`, newlines allowed around it."""
        self.bracketed += 1
        self.skip_nl()
        value = self.expression()
        self.skip_nl()
        self.expect(closing)
        self.bracketed -= 1
        return value

    def operand(self) -> Any:
        kind, text, _ = self.toks[self.i]
        if kind == OP and (text == "-" or text == "!"):
            self.i += 1
            return text + str(self.term())
        return self.term()

    def term(self) -> Any:
        value = self.primary()
        toks = self.toks
        while True:
            kind, text, _ = toks[self.i]
            if kind == NL and self.bracketed:  # var.x\n  .attr inside brackets (the reference rejects it)
                j = self.i
                while toks[j][0] == NL:
                    j += 1
                if toks[j][0] == OP and toks[j][1] in (".", ".*"):
                    self.i = j
                    kind, text, _ = toks[j]
            if kind != OP:
                return value
            if text == ".":
                kind, step, _ = toks[self.i + 1]
                if kind == ID:
                    value = f"{value}.{step}"
                elif kind == NUM and step.isdigit():
                    value = f"{value}[{step[0]}]"  # legacy index: the reference keeps one digit
                else:
                    raise Unsupported("attribute access")
                self.i += 2
            elif text == "[":
                self.i += 1
                value = f"{value}[{self.enclosed(']')}]"
            elif text == ".*" or text == "[*]":
                self.i += 1
                value = f"{value}{text}"
            else:
                return value

    def primary(self) -> Any:
        kind, text, _ = self.toks[self.i]
        self.i += 1
        if kind == ID:
            nxt = self.toks[self.i]
            if nxt[0] == OP:
                if nxt[1] == "(":
                    self.i += 1
                    return f"{text}({','.join(str(a) for a in self.arguments())})"
                if nxt[1] == "::":
                    return self.provider_function(text)
            if text in _LITERALS:
                return _LITERALS[text]
            return text
        if kind == STR:
            return text
        if kind == NUM:
            return _number(text)
        if kind == HD:
            return _heredoc_value(text)
        if kind == OP and text in ("(", "[", "{"):
            self.enter(self.toks[self.i - 1][2])
            if text == "(":
                inner = self.enclosed(")")
                value = f"({inner})" if self.keep_parens and isinstance(inner, str) else inner
            elif text == "[":
                self.bracketed += 1
                value = self.tuple()
                self.bracketed -= 1
            else:  # newlines separate an object's elements
                outer, self.bracketed = self.bracketed, 0
                value = self.object()
                self.bracketed = outer
            self.depth -= 1
            return value
        raise Unsupported(f"unexpected {text!r}")

    def sequence(self, closing: str, separators: tuple[str, ...] = (",",)) -> list[Any]:
        """Expressions up to `closing` (consumed), each followed by a separator or the closing."""
        items: list[Any] = []
        self.skip_nl()
        while not self.at_op(closing):
            items.append(self.expression())
            self.skip_nl()
            if any(self.at_op(sep) for sep in separators):
                self.i += 1
                self.skip_nl()
            elif not self.at_op(closing):
                raise Unsupported(f"expected ',' or {closing!r}")
        self.i += 1
        return items

    def arguments(self) -> list[Any]:
        """A call's arguments; a trailing `...` (expansion) is dropped, as the reference drops it."""
        self.bracketed += 1
        args = self.sequence(")", (",", "..."))
        self.bracketed -= 1
        return args

    def provider_function(self, provider: str) -> str:
        names = [provider]
        for _ in range(2):
            self.expect("::")
            kind, text, _ = self.toks[self.i]
            if kind != ID:
                raise Unsupported("provider function")
            names.append(text)
            self.i += 1
        self.expect("(")
        return f"{'::'.join(names)}({', '.join(str(a) for a in self.arguments())})"

    def _for_ahead(self) -> bool:
        toks, i = self.toks, self.i
        return toks[i][0] == ID and toks[i][1] == "for" and toks[i + 1][0] == ID

    def for_intro(self) -> str:
        self.i += 1  # "for"
        words = ["for"]
        while True:
            self.skip_nl_in_for()
            kind, text, _ = self.toks[self.i]
            if kind == ID and text == "in":
                break
            if kind not in (ID, OP) or (kind == OP and text != ","):
                raise Unsupported("for expression")
            words.append(text)
            self.i += 1
        self.i += 1
        self.skip_nl_in_for()
        words += ["in", str(self.expression())]
        self.skip_nl_in_for()
        self.expect(":")
        self.skip_nl_in_for()
        words.append(":")
        return " ".join(words)

    def for_condition(self, words: list[str]) -> None:
        self.skip_nl()
        kind, text, _ = self.toks[self.i]
        if kind == ID and text == "if":
            self.i += 1
            self.skip_nl_in_for()
            words.append(f"if {self.expression()}")
            self.skip_nl()

    def tuple(self) -> Any:
        self.skip_nl()
        if self._for_ahead():
            words = [self.for_intro(), str(self.expression())]
            self.for_condition(words)
            self.expect("]")
            return f"[{' '.join(words)}]"
        return [as_value(item) for item in self.sequence("]")]

    def object(self) -> Any:
        self.skip_nl()
        if self._for_ahead():
            words = [self.for_intro(), str(self.expression())]
            self.skip_nl()
            self.expect("=>")
            self.skip_nl()
            words += ["=>", str(self.expression())]
            if self.at_op("..."):
                self.i += 1
                words.append("...")
            self.for_condition(words)
            self.expect("}")
            return f"{{{' '.join(words)}}}"
        out: dict[Any, Any] = {}
        toks = self.toks
        while not self.at_op("}"):
            kind, text, _ = toks[self.i]
            if kind == END:  # the file ends inside the object
                raise Unsupported("unterminated object")
            nxt = toks[self.i + 1]
            if kind == ID and nxt[0] == OP and nxt[1] in ("=", ":"):
                key: Any = text
                self.i += 1
            else:
                key = _unquote(self.expression())
            if self.at_op("=") or self.at_op(":"):
                self.i += 1
            out[key] = as_value(self.expression())
            self.skip_nl()
            if self.at_op(","):
                self.i += 1
                self.skip_nl()
        self.i += 1
        return out
