"""Output formats of the scan commands: one table entry per format, and `--format NAME[:FILE]` targets.

A format is its renderer (hds_policies.report) plus how the command line feeds and files it. Adding a
format is one `FORMATS` entry.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalog import Catalog, DataError
from ..model import Finding
from .exits import UsageError
from .output import Spool, spool, write_file, write_stdout


@dataclass(frozen=True)
class Report:
    """What every renderer may use. `inventory` (the data-location inventory) is computed on demand."""

    findings: list[Finding]
    summary: dict
    catalog: Catalog
    as_of: str
    inventory: Callable[[], Any] | None = None
    extras: dict = field(default_factory=dict)  # waivers and baseline sections (hds_policies.triage)
    lang: str | None = None  # html and transparency formats; None: their default


@dataclass(frozen=True)
class TextStyle:
    """How text is laid out for its destination: colour and width only on a terminal."""

    color: bool = False
    compact: bool = False
    width: int = 100


@dataclass(frozen=True)
class OutputFormat:
    extension: str
    render: Callable[[Report, TextStyle], str]
    repo_paths: bool = False  # file paths relative to the current folder (code scanning, annotations)
    needs_inventory: bool = False  # only commands that build the inventory offer it
    chunks: Callable[[Report, TextStyle], Iterable[str]] | None = None  # the text in pieces, spooled as rendered


def _renderer(name: str) -> Callable[[Report, TextStyle], str]:
    def render(r: Report, _style: TextStyle) -> str:
        from ..report import RENDERERS

        return RENDERERS[name](r.findings, r.summary, r.catalog, r.as_of)
    return render


def _text(r: Report, style: TextStyle) -> str:
    from ..report.text import render_text

    text = render_text(r.findings, r.summary, r.catalog, r.as_of, color=style.color, compact=style.compact,
                       width=style.width)
    if r.extras:
        from ..report.bundle import ReportData
        from ..report.sections import text_sections

        text += text_sections(ReportData(r.findings, r.summary, r.catalog, r.as_of, extras=r.extras))
    return text


def _bundled(name: str) -> Callable[[Report, TextStyle], str]:
    """A format of hds_policies.report.bundle (json with its extra sections, markdown, html, transparency)."""
    def render(r: Report, _style: TextStyle) -> str:
        from ..report.bundle import ReportData, render

        return render(name, ReportData(r.findings, r.summary, r.catalog, r.as_of,
                                       r.inventory() if r.inventory else None, r.extras, r.lang))
    return render


def _bundled_chunks(name: str) -> Callable[[Report, TextStyle], Iterable[str]]:
    """`_bundled`'s text in pieces (report.bundle.render_chunks)."""
    def chunks(r: Report, _style: TextStyle) -> Iterable[str]:
        from ..report.bundle import ReportData, render_chunks

        return render_chunks(name, ReportData(r.findings, r.summary, r.catalog, r.as_of,
                                              r.inventory() if r.inventory else None, r.extras, r.lang))
    return chunks


def _github(r: Report, _style: TextStyle) -> str:
    from ..report.github import render_github

    return render_github(r.findings, r.summary, r.catalog, r.as_of)


FORMATS: dict[str, OutputFormat] = {
    "text": OutputFormat("txt", _text),
    "json": OutputFormat("json", _bundled("json"), chunks=_bundled_chunks("json")),
    "sarif": OutputFormat("sarif", _renderer("sarif"), repo_paths=True),
    "markdown": OutputFormat("md", _bundled("markdown"), needs_inventory=True),
    "github": OutputFormat("github.txt", _github, repo_paths=True),
    "html": OutputFormat("html", _bundled("html"), needs_inventory=True),
    "transparency": OutputFormat("transparency.md", _bundled("transparency"), needs_inventory=True),
    "transparency-html": OutputFormat("transparency.html", _bundled("transparency-html"), needs_inventory=True),
}
FORMAT_HELP = ("output format, repeatable: NAME for stdout, NAME:FILE for a file "
               "(e.g. --format text --format sarif:results.sarif); formats: {names}")


def names(with_inventory: bool = True) -> list[str]:
    return [n for n, f in FORMATS.items() if with_inventory or not f.needs_inventory]


@dataclass(frozen=True)
class Target:
    fmt: str
    path: str | None = None  # None: stdout


@dataclass
class Targets:
    items: list[Target] = field(default_factory=list)
    output_dir: str | None = None

    @property
    def formats(self) -> set[str]:
        return {t.fmt for t in self.items}

    def wants(self, predicate: Callable[[OutputFormat], bool]) -> bool:
        return any(predicate(FORMATS[t.fmt]) for t in self.items)


def parse_targets(specs: Sequence[str] | None, output: str | None, output_dir: str | None,
                  allowed: Sequence[str]) -> Targets:
    """`--format NAME[:FILE]` (repeatable) with `--output FILE` and `--output-dir DIR` into targets.

    A format without a file goes to `--output-dir/hds-policies.EXT`, else to `--output`, else to stdout;
    one format at most may go to stdout.
    """
    targets: list[Target] = []
    for spec in specs or ["text"]:
        name, sep, path = spec.partition(":")
        if name not in allowed:
            raise UsageError(f"--format {spec}: unknown format {name!r} (choose from {', '.join(allowed)})")
        if sep and not path:
            raise UsageError(f"--format {spec}: no file after ':'")
        targets.append(Target(name, path or None))
    if output_dir:
        folder = Path(output_dir)
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"--output-dir {output_dir}: not a folder")
        targets = [t if t.path else Target(t.fmt, str(folder / f"hds-policies.{FORMATS[t.fmt].extension}"))
                   for t in targets]
    to_stdout = [t for t in targets if t.path is None]
    if output:
        if len(to_stdout) != 1:
            raise UsageError("--output names one file: give the other formats their own (--format json:FILE) "
                             "or use --output-dir")
        targets = [Target(t.fmt, output) if t.path is None else t for t in targets]
    elif len(to_stdout) > 1:
        raise UsageError(f"--format {' and '.join(t.fmt for t in to_stdout)} would all go to stdout: give all "
                         "but one a file (--format json:report.json) or use --output-dir")
    files = [os.path.normpath(t.path) for t in targets if t.path]
    dup = sorted({f for f in files if files.count(f) > 1})
    if dup:
        raise UsageError(f"{dup[0]}: named by two --format options")
    return Targets(targets, output_dir)


def from_cwd(findings: list[Finding], scanned: Path) -> list[Finding]:
    """Findings whose file is relative to the current folder (the repository root in CI), where code
    scanning resolves SARIF locations; the JSON contract keeps paths relative to the scanned folder."""
    cwd = Path.cwd().resolve()

    def rebase(file: str) -> str:
        target = (scanned / file if scanned.is_dir() else scanned).resolve()
        return target.relative_to(cwd).as_posix() if target.is_relative_to(cwd) else file

    paths = {f.resource.file: rebase(f.resource.file) for f in findings if f.resource.file}
    return [dataclasses.replace(f, resource=dataclasses.replace(f.resource, file=paths[f.resource.file]))
            if f.resource.file else f for f in findings]


def color_wanted(stream: Any = None) -> bool:
    """Colour on a terminal; never with NO_COLOR (https://no-color.org), always with FORCE_COLOR."""
    stream = sys.stdout if stream is None else stream
    if os.environ.get("NO_COLOR"):
        return False
    force = os.environ.get("FORCE_COLOR", "")
    if force and force != "0":
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def stdout_style(compact: bool) -> TextStyle:
    """Colour as `color_wanted`; on a terminal, headings wrap at its width (60 to 140 columns)."""
    isatty = getattr(sys.stdout, "isatty", None)
    width = shutil.get_terminal_size((100, 24)).columns if isatty and isatty() else 100
    return TextStyle(color=color_wanted(), compact=compact, width=max(60, min(width, 140)))


def emit(targets: Targets, report: Callable[[bool], Report], compact: bool = False) -> None:
    """Render every target, then write them (a rendering error leaves no file half-written).

    `report(repo_paths)` builds the report, with file paths from the current folder when True. Nothing
    is scrubbed from the rendered text: sensitive values are marked by the loaders and render as
    (sensitive), and a text rewrite would break JSON and SARIF.
    """
    reports: dict[bool, Report] = {}
    rendered: list[tuple[Target, str | Spool]] = []
    for t in targets.items:
        fmt = FORMATS[t.fmt]
        if fmt.repo_paths not in reports:
            reports[fmt.repo_paths] = report(fmt.repo_paths)
        style = stdout_style(compact) if t.path is None else TextStyle(compact=compact)
        if fmt.chunks is not None:  # a large report is never held whole in memory
            chunks, data = fmt.chunks, reports[fmt.repo_paths]
            rendered.append((t, spool(lambda chunks=chunks, data=data, style=style: chunks(data, style))))
            continue
        text = fmt.render(reports[fmt.repo_paths], style)
        rendered.append((t, text))
    if targets.output_dir:
        try:
            Path(targets.output_dir).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataError(f"--output-dir {targets.output_dir}: cannot create: {exc.strerror}") from None
    for t, text in rendered:
        if t.path is None:
            write_stdout(text)
        else:
            write_file(text, t.path)
