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
from typing import Any

_TOKEN = re.compile(
    r"""[ \t]*(?:
      (?P<nl>(?:\r?\n|\#[^\n]*\n|//[^\n]*\n))
    | (?P<bc>/\*[\s\S]*?\*/)
    | (?P<id>[A-Za-z_][A-Za-z0-9_-]*)
    | (?P<num>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)
    | (?P<str>"(?:[^"\\$\n]|\\[^\n]|\$\$\{|\$(?!\{))*")
    | (?P<tpl>")
    | (?P<hd><<-?[A-Za-z][A-Za-z0-9._-]+\n)
    | (?P<op>==|!=|<=|>=|&&|\|\||=>|\.\.\.|::|\.\*|\[\*\]|[=\{\}\[\]\(\),.?:+\-*/%<>!])
    | (?P<end>\Z)
    | (?P<bad>[\s\S])
    )""",
    re.VERBOSE,
)
_HEREDOC = re.compile(r"<<(-?)([A-Za-z][A-Za-z0-9._-]+)\n")
_HEREDOC_BODY = re.compile(r"<<-?([A-Za-z][A-Za-z0-9._-]+)\n([\s\S]*)\n\s*\1")
_BINARY = frozenset({"==", "!=", "<", ">", "<=", ">=", "-", "*", "/", "%", "&&", "||", "+"})
_LITERALS = {"true": True, "false": False, "null": None}
# Blocks whose body gets __start_line__/__end_line__, by how many labels lead to it.
_LINED_DEPTH = {"resource": 2, "data": 2, "module": 1, "provider": 1, "variable": 1, "locals": 0,
                "terraform": 0}

# Token kinds
NL, ID, NUM, STR, HD, OP, END = "nl", "id", "num", "str", "hd", "op", "end"


class Unsupported(Exception):
    """The text uses syntax this reader does not handle (or is malformed): use the reference parser."""


class Heredoc(str):
    """A heredoc's text in quotes, as the reference parser renders it inside expressions."""


def loads(text: str, lenient: bool = False, keep_parens: bool = False) -> dict[str, Any]:
    """Parse HCL text into the reference parser's tree; Unsupported when it cannot. `lenient` reads
    what the reference renders in its own way (comments inside for expressions) without that quirk:
    for text the reference parser rejects. `keep_parens` keeps parentheses around grouped
    expressions (the reference drops them), for the evaluator that needs the source's grouping."""
    parser = _Parser(text + "\n", lenient)
    parser.keep_parens = keep_parens
    return parser.document()


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
    """End offset of the heredoc starting at `pos` (its terminating name included)."""
    head = _HEREDOC.match(text, pos)
    if head is None:
        raise Unsupported("heredoc")
    name = head.group(2)
    closing = re.compile(r"\n+\s*" + re.escape(name))
    found = closing.search(text, head.end() + 1)  # at least one character of content
    if found is None:
        raise Unsupported("unterminated heredoc")
    return found.end()


def _heredoc_value(raw: str) -> Heredoc:
    match = _HEREDOC_BODY.match(raw)
    if match is None:
        raise Unsupported("heredoc")
    body = match.group(2)
    if raw.startswith("<<-"):
        lines = body.split("\n")
        indent = min(len(line) - len(line.lstrip(" ")) for line in lines)
        body = "\n".join(line[indent:] for line in lines)
    return Heredoc(f'"{body}"')


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    tokens: list[tuple[str, str, int]] = []
    append = tokens.append
    match = _TOKEN.match
    pos = 0
    while True:
        m = match(text, pos)
        kind = m.lastgroup  # type: ignore[union-attr]
        start = m.start(kind)  # type: ignore[union-attr,arg-type]
        pos = m.end()  # type: ignore[union-attr]
        if kind == "op" or kind == "id" or kind == "str" or kind == "nl":
            append((kind, m.group(kind), start))  # type: ignore[union-attr]
        elif kind == "num":
            number = m.group(kind)  # type: ignore[union-attr]
            if "e" in number or "E" in number:
                raise Unsupported("number with an exponent")
            append((NUM, number, start))
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
            return tokens
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
        self.toks = _tokenize(text)
        self.i = 0
        self.lenient = lenient
        self.keep_parens = False
        self.bracketed = 0  # inside ( ) or [ ], where newlines separate nothing
        self._newlines: list[int] | None = None

    # -- helpers -------------------------------------------------------------------------
    def line(self, offset: int) -> int:
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
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

    # -- structure -----------------------------------------------------------------------
    def document(self) -> dict[str, Any]:
        body = self.body()
        self.skip_nl()
        if self.toks[self.i][0] != END:
            raise Unsupported("unexpected '}'")
        return body

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
            inner = self.body()
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
            return float(text) if "." in text else int(text)
        if kind == HD:
            return _heredoc_value(text)
        if kind == OP:
            if text == "(":
                inner = self.enclosed(")")
                return f"({inner})" if self.keep_parens and isinstance(inner, str) else inner
            if text == "[":
                self.bracketed += 1
                items = self.tuple()
                self.bracketed -= 1
                return items
            if text == "{":  # newlines separate an object's elements
                outer, self.bracketed = self.bracketed, 0
                obj = self.object()
                self.bracketed = outer
                return obj
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
