"""The reviewer report as one self-contained HTML file: no network, no external asset (a Content
Security Policy forbids any), readable printed. A summary with inline SVG charts (failed and unknown
per HDS activity and per rule family), a findings table filtered by activity, family, severity,
provider and status, the data-location map, sub-processors, accepted risks, requirement coverage and
the transparency-page draft. Every value from the code or a user file is escaped.
"""

from __future__ import annotations

import html as _html
from collections import Counter
from typing import TYPE_CHECKING, Any

from ..model import FAMILIES, SEVERITIES, Finding
from ..requirements import coverage
from .bundle import _inventory
from .labels import label
from .transparency import draft, to_html_fragment

if TYPE_CHECKING:
    from .bundle import ReportData

e = _html.escape
STATUSES = ("failed", "unknown", "waived", "skipped", "passed")
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1200px;
padding:1rem 1.5rem;color:#1b1f24}
h1{font-size:1.6rem;margin:.2rem 0}h2{border-bottom:2px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .45rem;
text-align:left;vertical-align:top}th{background:#f6f8fa}code,pre{font:12px ui-monospace,Menlo,Consolas,monospace}
pre{background:#f6f8fa;padding:.4rem;margin:.3rem 0;white-space:pre-wrap}
.cards{display:flex;gap:.8rem;flex-wrap:wrap}.card{border:1px solid #d0d7de;border-radius:6px;padding:.5rem .9rem;
min-width:8rem}.card b{display:block;font-size:1.5rem}
.s-failed{color:#b42318}.s-unknown{color:#9a6700}.s-waived{color:#6e40c9}.s-skipped,.s-passed{color:#57606a}
.charts{display:flex;gap:1.5rem;flex-wrap:wrap}.filters{display:flex;gap:.8rem;flex-wrap:wrap;align-items:end;
margin:.5rem 0}.filters label{display:flex;flex-direction:column;font-size:.85rem}
.note{color:#57606a;font-style:italic}.statement{font-weight:bold}
@media print{.filters{display:none}tr.hidden{display:table-row!important}h2{break-after:avoid}
tr{break-inside:avoid}body{max-width:none}}
tr.hidden{display:none}
td{overflow-wrap:anywhere}#findings{table-layout:fixed}#findings pre{white-space:pre-wrap;overflow-wrap:anywhere}
#findings th:nth-child(1){width:6%}#findings th:nth-child(2){width:6%}#findings th:nth-child(3){width:10%}
#findings th:nth-child(4){width:15%}#findings th:nth-child(5){width:7%}#findings th:nth-child(6){width:22%}
#findings th:nth-child(7){width:11%}#findings th:nth-child(8){width:23%}
"""

SCRIPT = """
(function(){
  var selects=document.querySelectorAll('.filters select');
  var rows=document.querySelectorAll('#findings tbody tr');
  var count=document.getElementById('visible-count');
  function apply(){
    var want={};selects.forEach(function(s){want[s.name]=s.value;});
    var shown=0;
    rows.forEach(function(r){
      var ok=Object.keys(want).every(function(k){
        if(!want[k])return true;
        return (' '+r.getAttribute('data-'+k)+' ').indexOf(' '+want[k]+' ')>=0;});
      r.classList.toggle('hidden',!ok);if(ok)shown++;});
    count.textContent=shown;
  }
  selects.forEach(function(s){s.addEventListener('change',apply);});
  apply();
})();
"""


def page(title: str, body: str, lang: str, script: str = "") -> str:
    """A complete HTML document around `body` (already escaped)."""
    js = f"<script>{script}</script>" if script else ""
    return (f"<!DOCTYPE html>\n<html lang=\"{e(lang)}\"><head><meta charset=\"utf-8\">"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{e(title)}</title><style>{CSS}</style></head>\n<body>\n{body}\n{js}</body></html>")


def bar_chart(title: str, rows: list[tuple[str, int, int]], lang: str) -> str:
    """Horizontal stacked bars (failed, unknown) per label, as inline SVG."""
    width, bar_h, left = 520, 22, 230
    height = 30 + bar_h * max(len(rows), 1) + 24
    top = max([f + u for _, f, u in rows] + [1])
    scale = (width - left - 40) / top
    parts = [f"<svg role=\"img\" aria-label=\"{e(title)}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" "
             f"height=\"{height}\" viewBox=\"0 0 {width} {height}\"><title>{e(title)}</title>",
             f"<text x=\"0\" y=\"16\" font-weight=\"bold\" font-size=\"14\">{e(title)}</text>"]
    for i, (name, failed, unknown) in enumerate(rows):
        y = 30 + i * bar_h
        parts.append(f"<text x=\"{left - 6}\" y=\"{y + 15}\" text-anchor=\"end\" font-size=\"12\">{e(name)}</text>")
        wf, wu = failed * scale, unknown * scale
        parts.append(f"<rect class=\"bar-failed\" x=\"{left}\" y=\"{y + 3}\" width=\"{wf:.1f}\" height=\"{bar_h - 6}\" "
                     f"fill=\"#d1242f\"><title>{e(label('failed', lang))}: {failed}</title></rect>")
        parts.append(f"<rect class=\"bar-unknown\" x=\"{left + wf:.1f}\" y=\"{y + 3}\" width=\"{wu:.1f}\" "
                     f"height=\"{bar_h - 6}\" fill=\"#d4a72c\"><title>{e(label('unknown', lang))}: {unknown}</title>"
                     "</rect>")
        parts.append(f"<text x=\"{left + wf + wu + 4:.1f}\" y=\"{y + 15}\" font-size=\"12\">"
                     f"{failed} / {unknown}</text>")
    ly = height - 8
    parts.append(f"<rect x=\"{left}\" y=\"{ly - 10}\" width=\"10\" height=\"10\" fill=\"#d1242f\"/>"
                 f"<text x=\"{left + 14}\" y=\"{ly}\" font-size=\"12\">{e(label('failed', lang))}</text>"
                 f"<rect x=\"{left + 100}\" y=\"{ly - 10}\" width=\"10\" height=\"10\" fill=\"#d4a72c\"/>"
                 f"<text x=\"{left + 114}\" y=\"{ly}\" font-size=\"12\">{e(label('unknown', lang))}</text>")
    parts.append("</svg>")
    return "".join(parts)


def location_map(locations: list[dict[str, Any]], lang: str) -> str:
    """Three zones (EEA, outside the EEA, unknown), one bubble per country sized by its resources."""
    zones = [(True, label("zone_eea", lang), "#e6f4ea", "#1a7f37"),
             (False, label("zone_outside", lang), "#fde7e9", "#b42318"),
             (None, label("zone_unknown", lang), "#fff8c5", "#9a6700")]
    counts: dict[Any, Counter[str]] = {True: Counter(), False: Counter(), None: Counter()}
    for loc in locations:
        counts[loc["eea"]][loc["country_name"] or loc["country"] or str(loc["region"])] += 1
    rows = max([(len(c) + 1) // 2 for c in counts.values()] + [1])
    width, zone_w, height = 780, 250, 50 + 52 * rows
    out = [f"<svg id=\"location-map\" role=\"img\" aria-label=\"{e(label('map', lang))}\" "
           f"xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" "
           f"viewBox=\"0 0 {width} {height}\"><title>{e(label('map', lang))}</title>"]
    for z, (key, name, bg, fg) in enumerate(zones):
        x0 = z * (zone_w + 15)
        out.append(f"<rect x=\"{x0}\" y=\"0\" width=\"{zone_w}\" height=\"{height}\" rx=\"10\" fill=\"{bg}\" "
                   f"stroke=\"{fg}\"/><text x=\"{x0 + 10}\" y=\"20\" font-weight=\"bold\" fill=\"{fg}\">"
                   f"{e(name)}</text>")
        for i, (country, n) in enumerate(sorted(counts[key].items())):
            cx, cy = x0 + 62 + (i % 2) * 125, 55 + (i // 2) * 52
            r = min(6 + 2 * n, 16)
            out.append(f"<g class=\"country\"><circle cx=\"{cx}\" cy=\"{cy}\" r=\"{r}\" fill=\"{fg}\" "
                       f"fill-opacity=\"0.75\"><title>{e(country)}: {n}</title></circle>"
                       f"<text x=\"{cx}\" y=\"{cy + r + 12}\" text-anchor=\"middle\" font-size=\"11\">"
                       f"{e(country[:20])} ({n})</text></g>")
    out.append("</svg>")
    return "".join(out)


def _where(f: Finding) -> str:
    return (f.resource.file or "?") + (f":{f.resource.line}" if f.resource.line else "")


def _fix(f: Finding, data: ReportData) -> str:
    entry = data.catalog.remediations.get((f.rule_id, f.resource.type))
    if entry is None:
        return e(f.remediation)
    return (f"{e(entry['set'])}<pre>{e(entry['terraform'])}</pre>Pulumi: <code>{e(entry['pulumi'])}</code>")


def _findings_table(data: ReportData, lang: str) -> str:
    t = lambda k: e(label(k, lang))  # noqa: E731
    rows = [f for f in data.findings if f.status != "passed"] + [f for f in data.findings if f.status == "passed"]
    values = {"activity": sorted({a for f in rows for a in f.activities}),
              "family": [x for x in FAMILIES if any(f.family == x for f in rows)],
              "severity": [x for x in SEVERITIES if any(f.severity == x for f in rows)],
              "provider": sorted({f.resource.provider or "unknown" for f in rows}),
              "status": [x for x in STATUSES if any(f.status == x for f in rows)]}
    selects = []
    for name, opts in values.items():
        options = "".join(f"<option value=\"{e(str(o))}\">{e(str(o))}</option>" for o in opts)
        selects.append(f"<label>{t(name)}<select name=\"{name}\" id=\"filter-{name}\">"
                       f"<option value=\"\">{t('all')}</option>{options}</select></label>")
    out = [f"<div class=\"filters\">{''.join(selects)}<span><b id=\"visible-count\">{len(rows)}</b> "
           f"{t('visible')}</span></div>"]
    out.append(f"<table id=\"findings\"><thead><tr><th>{t('status')}</th><th>{t('severity')}</th><th>{t('rule')}</th>"
               f"<th>{t('resource')}</th><th>{t('where')}</th><th>{t('message')}</th><th>{t('basis')}</th>"
               f"<th>{t('remediation')}</th></tr></thead><tbody>")
    for f in rows:
        extra = ""
        if f.waiver:
            extra = (f"<br><small>{t('waiver')} {e(f.waiver['id'])} ({e(f.waiver['state'])}, {t('expires')} "
                     f"{e(f.waiver['expires'])}; {t('approver')}: {e(f.waiver['approver'] or '—')}): "
                     f"{e(f.waiver['justification'])}</small>")
        elif f.skip_reason:
            extra = f"<br><small>{e(f.skip_reason)}</small>"
        base = f" <small>({e(f.baseline)})</small>" if f.baseline else ""
        out.append(
            f"<tr data-activity=\"{' '.join(map(str, f.activities))}\" data-family=\"{e(f.family)}\" "
            f"data-severity=\"{e(f.severity)}\" data-provider=\"{e(f.resource.provider or 'unknown')}\" "
            f"data-status=\"{e(f.status)}\"><td class=\"s-{e(f.status)}\">{e(f.status)}{base}</td>"
            f"<td>{e(f.severity)}</td><td>{e(f.rule_id)}</td><td><code>{e(f.resource.address)}</code></td>"
            f"<td>{e(_where(f))}</td><td>{e(f.message)}{extra}</td><td>{e('; '.join(f.basis))}</td>"
            f"<td>{_fix(f, data)}</td></tr>")
    out.append("</tbody></table>")
    if not rows:
        out.append(f"<p>{t('no_findings')}</p>")
    return "\n".join(out)


def _waivers(data: ReportData, lang: str) -> str:
    t = lambda k: e(label(k, lang))  # noqa: E731
    w = data.extras.get("waivers")
    if not w:
        return f"<p>{t('no_waivers')}</p>"
    out = [f"<table id=\"waivers\"><thead><tr><th>{t('waiver')}</th><th>{t('rule')}</th><th>{t('resource')}</th>"
           f"<th>{t('justification')}</th><th>{t('approver')}</th><th>{t('expires')}</th><th>{t('findings')}</th>"
           "</tr></thead><tbody>"]
    for x in w["applied"]:
        hits = "<br>".join(f"{e(h['rule_id'])} <code>{e(h['address'])}</code>" for h in x["findings"])
        out.append(f"<tr><td>{e(x['id'])}</td><td>{e(x['rule'])}</td><td><code>{e(x['resource'])}</code></td>"
                   f"<td>{e(x['justification'])}</td><td>{e(x['approver'] or '—')}</td><td>{e(x['expires'])}</td>"
                   f"<td>{hits}</td></tr>")
    out.append("</tbody></table>")
    for key in ("expired", "stale"):
        if w[key]:
            out.append(f"<h3>{t(key)}</h3><ul id=\"waivers-{key}\">")
            out += [f"<li>{e(x['id'])}: {e(x['rule'])} <code>{e(x['resource'])}</code> ({t('expires')} "
                    f"{e(x['expires'])})</li>" for x in w[key]]
            out.append("</ul>")
    return "\n".join(out)


def render_html(data: ReportData) -> str:
    lang = data.lang or "en"
    t = lambda k: e(label(k, lang))  # noqa: E731
    cat = data.catalog
    inv = _inventory(data)
    s = data.summary
    cards = [("checked", s.get("resources", 0), ""), ("failed", s.get("failed", 0), "s-failed"),
             ("unknown", s.get("unknown", 0), "s-unknown"), ("waived", s.get("waived", 0), "s-waived"),
             ("skipped", s.get("skipped", 0), "s-skipped")]
    if data.extras.get("baseline"):
        cards.append(("new", data.extras["baseline"]["new"], "s-failed"))
    body = [f"<header><h1>{t('report_title')} — {t('as_of')} {e(data.as_of)}</h1></header>",
            f"<h2 id=\"summary\">{t('summary')}</h2><div class=\"cards\">"
            + "".join(f"<div class=\"card {c}\" id=\"card-{k}\"><b>{int(v)}</b>{t(k)}</div>" for k, v, c in cards)
            + "</div>"]
    active = [f for f in data.findings if f.status in ("failed", "unknown")]
    per_act = [(f"{n}. {cat.activities[n][lang]}"[:34], sum(1 for f in active if n in f.activities and
                                                             f.status == "failed"),
                sum(1 for f in active if n in f.activities and f.status == "unknown")) for n in sorted(cat.activities)]
    per_fam = [(fam, sum(1 for f in active if f.family == fam and f.status == "failed"),
                sum(1 for f in active if f.family == fam and f.status == "unknown")) for fam in FAMILIES]
    body.append(f"<div class=\"charts\">{bar_chart(label('by_activity', lang), per_act, lang)}"
                f"{bar_chart(label('by_family', lang), per_fam, lang)}</div>")
    body.append(f"<h2 id=\"findings-title\">{t('findings')}</h2>{_findings_table(data, lang)}")
    placed = inv["locations"] or inv["undetermined"]  # findings alone: one "unknown" entry
    body.append(f"<h2 id=\"locations\">{t('locations')}</h2>{location_map(placed, lang)}")
    body.append(f"<table><thead><tr><th>{t('country')}</th><th>{t('eea')}</th><th>{t('region')}</th>"
                f"<th>{t('resource')}</th><th>{t('provider')}</th></tr></thead><tbody>")
    body += [f"<tr><td>{e(loc['country_name'] or loc['country'] or '—')}</td>"
             f"<td>{t({True: 'yes', False: 'no', None: 'unknown'}[loc['eea']])}</td><td>{e(str(loc['region']))}</td>"
             f"<td><code>{e(loc['address'])}</code></td><td>{e(loc['provider'])}</td></tr>"
             for loc in placed]
    body.append("</tbody></table>")
    body.append(f"<h2 id=\"subprocessors\">{t('subprocessors')}</h2><table><thead><tr><th>{t('provider')}</th>"
                f"<th>{t('legal_entity')}</th><th>{t('hds_status')}</th><th>{t('certified_activities')}</th>"
                f"<th>{t('relied_on')}</th><th>{t('valid_until')}</th><th>{t('resources')}</th><th>{t('source')}</th>"
                "</tr></thead><tbody>")
    body += [f"<tr><td>{e(p['name'])}</td><td>{e(p['legal_entity'] or '—')}</td><td>{e(p['status'])}</td>"
             f"<td>{e(', '.join(map(str, p['certified_activities'])) or '—')}</td>"
             f"<td>{e(', '.join(map(str, p['activities_relied_on'])))}</td><td>{e(str(p['valid_until'] or '—'))}</td>"
             f"<td>{int(p['resources'])}</td><td>{e(p['source'] or '—')}</td></tr>" for p in inv["providers"]]
    body.append("</tbody></table>")
    body.append(f"<h2 id=\"accepted\">{t('accepted')}</h2>{_waivers(data, lang)}")
    body.append(f"<h2 id=\"coverage\">{t('coverage')}</h2><table id=\"requirements\"><thead><tr>"
                f"<th>{t('requirement')}</th><th>{t('checked_by')}</th><th>{t('verdict')}</th><th>{t('failed')}</th>"
                f"<th>{t('unknown')}</th><th>{t('waived')}</th><th>{t('by_hand')}</th></tr></thead><tbody>")
    for r in coverage(cat, data.findings):
        body.append(f"<tr><td><b>{e(r['id'])}</b> {e(r['title_' + lang])}</td>"
                    f"<td>{e(', '.join(r['rules']) or label('manual evidence', lang))}</td><td>{e(r['verdict'])}</td>"
                    f"<td>{r['failed']}</td><td>{r['unknown']}</td><td>{r['waived']}</td>"
                    f"<td>{e(r['manual'] or '—')}</td></tr>")
    body.append("</tbody></table>")
    body.append(f"<h2 id=\"transparency\">{t('transparency')}</h2>{to_html_fragment(draft(data, lang), lang)}")
    return page(f"{label('report_title', lang)} {data.as_of}", "\n".join(body), lang, SCRIPT)
