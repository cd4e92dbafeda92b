"""Draft of the public HDS transparency page (EXI 31), shaped like a host's published page
(activities, sites, transfers outside the EEA, sub-processors with activities and certificate).

Every line names the resources that justify it. The "no transfer" statement is drafted only when
it is proven: no placement, copy or remote access outside the EEA, and no location left unknown.
`draft()` builds the content once; Markdown and HTML only lay it out.
"""

from __future__ import annotations

import html as _html
from typing import TYPE_CHECKING, Any

from .labels import label

if TYPE_CHECKING:
    from .bundle import ReportData

COPY_RULES = ("HDS_LOC_003",)  # replicas, cross-region backups, geo-redundant copies
REMOTE_ACCESS_RULES = ("HDS_PRV_006",)  # sub-processors reaching the data from outside the EEA
FOREIGN_LAW_RULES = ("HDS_PRV_007",)  # an account held by an entity subject to non-EEA law
PLACEMENT_RULES = ("HDS_LOC_001", "HDS_LOC_002", "HDS_LOC_003")
MAX_TRACE = 8  # addresses shown per line before "+N"


def draft(data: ReportData, lang: str) -> dict[str, Any]:
    """The page's content as plain data."""
    inv = data.inventory or {"locations": [], "providers": [], "outside_eea": [], "undetermined": []}
    cat = data.catalog
    acts: dict[int, list[str]] = {}
    for p in inv["providers"]:
        for a, addrs in p.get("by_activity", {}).items():
            acts.setdefault(int(a), []).extend(addrs)
    activities = [{"number": n, "label": cat.activities[n][lang], "trace": sorted(set(acts[n]))}
                  for n in sorted(acts) if n in cat.activities]
    sites: dict[tuple[str, str, str, Any], list[str]] = {}
    for loc in inv["locations"]:
        key = (loc["provider"], loc["region"], loc["country_name"] or loc["country"] or "?", loc["eea"])
        sites.setdefault(key, []).append(loc["address"])
    site_rows = [{"provider": k[0], "region": k[1], "country": k[2], "eea": k[3], "trace": sorted(set(v))}
                 for k, v in sorted(sites.items(), key=lambda kv: (str(kv[0][2]), str(kv[0][0]), str(kv[0][1])))]

    transfers: list[dict[str, Any]] = []
    for loc in inv["outside_eea"]:
        transfers.append({"kind": "placement", "text": f"{loc['region']} ({loc['country_name'] or loc['country']})",
                          "trace": [loc["address"]]})
    active = [f for f in data.findings if f.status in ("failed", "waived")]
    for f in active:
        if f.rule_id in COPY_RULES:
            transfers.append({"kind": "copy", "text": f.message, "trace": [f.resource.address]})
        elif f.rule_id in REMOTE_ACCESS_RULES:
            transfers.append({"kind": "remote", "text": f.message, "trace": [f.resource.address]})
    unknown = [{"text": f"{loc['region']}", "trace": [loc["address"]]} for loc in inv["undetermined"]]
    if data.inventory is None:  # findings alone (hds-policies report): where the rest is stored is not known
        unknown.append({"text": label("tp_no_inventory", lang), "trace": []})
    placed = {a for u in unknown for a in u["trace"]}  # a location already listed as unknown: once is enough
    unknown += [{"text": f.message, "trace": [f.resource.address]} for f in data.findings
                if f.status == "unknown" and f.rule_id in PLACEMENT_RULES + REMOTE_ACCESS_RULES
                and f.resource.address not in placed]
    remote: dict[str, list[str]] = {}  # provider -> resources a remote-access / foreign-law rule flags
    for f in data.findings:
        if f.rule_id in REMOTE_ACCESS_RULES + FOREIGN_LAW_RULES and f.status in ("failed", "waived", "unknown"):
            remote.setdefault(f.resource.provider or "", []).append(f.resource.address)
    subs = []
    for p in inv["providers"]:
        subs.append({
            "name": p["name"], "legal_entity": p["legal_entity"], "status": p["status"],
            "relied_on": [f"{a}. {cat.activities[a][lang]}" for a in p["activities_relied_on"] if a in cat.activities],
            "certified": [f"{a}. {cat.activities[a][lang]}" for a in p["certified_activities"] if a in cat.activities],
            "issuer": p.get("issuer"), "certificate": p.get("certificate"), "valid_from": p.get("valid_from"),
            "valid_until": p.get("valid_until"), "source": p.get("source"),
            "trace": sorted({a for addrs in p.get("by_activity", {}).values() for a in addrs}),
            "resources": p["resources"],
            "remote": sorted(set(remote.get(p["provider"], []))),
        })
    return {"as_of": data.as_of, "activities": activities, "sites": site_rows, "transfers": transfers,
            "unknown": unknown, "none_proven": not transfers and not unknown, "subprocessors": subs}


def _kv(key: str, value: str, lang: str) -> str:
    """'label: value' (French typography puts a space before the colon)."""
    return f"{label(key, lang)}{' :' if lang == 'fr' else ':'} {value}"


def _trace(addrs: list[str]) -> str:
    shown = ", ".join(f"`{a}`" for a in addrs[:MAX_TRACE])
    return shown + (f" (+{len(addrs) - MAX_TRACE})" if len(addrs) > MAX_TRACE else "")


def _md(text: Any) -> str:
    return str(text if text is not None else "—").replace("\n", " ").replace("|", "\\|")


def to_markdown(d: dict[str, Any], lang: str) -> str:
    t = lambda key: label(key, lang)  # noqa: E731
    out = [f"# {t('tp_title')}", "", f"> {t('tp_draft_note')} {d['as_of']}.", "",
           f"## {t('tp_activities')}", ""]
    out += [f"- {a['number']}. {_md(a['label'])} — {t('tp_traced')} {_trace(a['trace'])}" for a in d["activities"]]
    if not d["activities"]:
        out.append(f"- {t('tp_none_found')}")
    out += ["", f"## {t('tp_sites')}", "", f"| {t('provider')} | {t('region')} | {t('country')} | {t('eea')} "
            f"| {t('resources')} |", "|---|---|---|---|---|"]
    for s in d["sites"]:
        out.append(f"| {_md(s['provider'])} | {_md(s['region'])} | {_md(s['country'])} | {t(_eea(s['eea']))} "
                   f"| {_trace(s['trace'])} |")
    out += ["", f"## {t('tp_transfers')}", "", f"{t('tp_situation')} {d['as_of']} :" if lang == "fr"
            else f"{t('tp_situation')} {d['as_of']}:", ""]
    if d["none_proven"]:
        out.append(t("tp_no_transfer"))
    for tr in d["transfers"]:
        out.append(f"- {_kv('tp_kind_' + tr['kind'], _md(tr['text']), lang)} — {_trace(tr['trace'])}")
    if d["unknown"]:
        out += ["", t("tp_unknown_intro"), ""] if d["transfers"] else [t("tp_unknown_intro"), ""]
        out += [f"- {_kv('unknown', _md(u['text']), lang)} — {_trace(u['trace'])}" for u in d["unknown"]]
    out += ["", f"## {t('tp_subprocessors')}", ""]
    for s in d["subprocessors"]:
        out += [f"### {_md(s['name'])}", "",
                f"- {_kv('tp_entity', _md(s['legal_entity']), lang)}",
                f"- {_kv('tp_status', t('status_' + s['status']), lang)}",
                f"- {_kv('tp_relied_on', _md('; '.join(s['relied_on']) or '—'), lang)}",
                f"- {_kv('tp_certified', _md('; '.join(s['certified']) or '—'), lang)}",
                f"- {_kv('tp_certificate', _cert(s, lang), lang)}",
                f"- {_kv('tp_remote', _trace(s['remote']) if s['remote'] else t('tp_remote_none'), lang)}",
                f"- {_kv('resources', _trace(s['trace']), lang)}", ""]
    return "\n".join(out).rstrip() + "\n"


def _eea(value: Any) -> str:
    return {True: "yes", False: "no", None: "unknown"}[value]


def _cert(s: dict[str, Any], lang: str) -> str:
    t = lambda key: label(key, lang)  # noqa: E731
    parts = [f"{t('tp_issuer')} {s['issuer'] or t('not_recorded')}"]
    if s["certificate"]:
        parts.append(str(s["certificate"]))
    if s["valid_from"] or s["valid_until"]:
        parts.append(f"{t('tp_valid')} {s['valid_from'] or '?'} → {s['valid_until'] or '?'}")
    else:
        parts.append(t("tp_validity_not_recorded"))
    parts.append(f"{t('source')} {s['source'] or '—'}")
    return _md("; ".join(parts))


def to_html_fragment(d: dict[str, Any], lang: str) -> str:
    """The page as an HTML fragment (every value escaped), for the HTML report and the standalone page."""
    e = _html.escape
    t = lambda key: e(label(key, lang))  # noqa: E731

    def trace(addrs: list[str]) -> str:
        more = f" (+{len(addrs) - MAX_TRACE})" if len(addrs) > MAX_TRACE else ""
        return ", ".join(f"<code>{e(a)}</code>" for a in addrs[:MAX_TRACE]) + more

    out = [f"<p class=\"note\">{t('tp_draft_note')} {e(d['as_of'])}.</p>", f"<h3>{t('tp_activities')}</h3><ul>"]
    out += [f"<li>{a['number']}. {e(a['label'])} — {t('tp_traced')} {trace(a['trace'])}</li>" for a in d["activities"]]
    out.append("</ul>" if d["activities"] else f"<li>{t('tp_none_found')}</li></ul>")
    out.append(f"<h3>{t('tp_sites')}</h3><table><thead><tr><th>{t('provider')}</th><th>{t('region')}</th>"
               f"<th>{t('country')}</th><th>{t('eea')}</th><th>{t('resources')}</th></tr></thead><tbody>")
    out += [f"<tr><td>{e(s['provider'])}</td><td>{e(s['region'])}</td><td>{e(s['country'])}</td>"
            f"<td>{t(_eea(s['eea']))}</td><td>{trace(s['trace'])}</td></tr>" for s in d["sites"]]
    out.append("</tbody></table>")
    out.append(f"<h3 id=\"transfers\">{t('tp_transfers')}</h3><p>{t('tp_situation')} {e(d['as_of'])}</p>")
    if d["none_proven"]:
        out.append(f"<p class=\"statement\">{t('tp_no_transfer')}</p>")
    if d["transfers"]:
        out.append("<ul class=\"transfers\">")
        out += [f"<li><strong>{t('tp_kind_' + tr['kind'])}</strong>: {e(tr['text'])} — {trace(tr['trace'])}</li>"
                for tr in d["transfers"]]
        out.append("</ul>")
    if d["unknown"]:
        out.append(f"<p>{t('tp_unknown_intro')}</p><ul class=\"unknown\">")
        out += [f"<li>{t('unknown')}: {e(u['text'])} — {trace(u['trace'])}</li>" for u in d["unknown"]]
        out.append("</ul>")
    out.append(f"<h3>{t('tp_subprocessors')}</h3>")
    for s in d["subprocessors"]:
        out.append(f"<h4>{e(s['name'])}</h4><ul><li>{t('tp_entity')}: {e(s['legal_entity'] or '—')}</li>"
                   f"<li>{t('tp_status')}: {t('status_' + s['status'])}</li>"
                   f"<li>{t('tp_relied_on')}: {e('; '.join(s['relied_on']) or '—')}</li>"
                   f"<li>{t('tp_certified')}: {e('; '.join(s['certified']) or '—')}</li>"
                   f"<li>{t('tp_certificate')}: {e(_cert(s, lang).replace(chr(92) + '|', '|'))}</li>"
                   f"<li>{t('tp_remote')}: {trace(s['remote']) if s['remote'] else t('tp_remote_none')}</li>"
                   f"<li>{t('resources')}: {trace(s['trace'])}</li></ul>")
    return "\n".join(out)


def render_transparency(data: ReportData, html: bool = False) -> str:
    lang = data.lang or "fr"
    d = draft(data, lang)
    if not html:
        return to_markdown(d, lang)
    from .html import page

    return page(label("tp_title", lang), to_html_fragment(d, lang), lang)
