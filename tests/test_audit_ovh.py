"""`hds-policies audit ovh`: the real `ovh` client against a loopback OVHcloud API (tests/ovh_fake_api.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("ovh")

from ovh_fake_api import APP_KEY, APP_SECRET, CONSUMER_KEY, FakeOvhApi  # noqa: E402

from hds_policies.audit.ovh import ReadOnlyOvh, audit_ovh  # noqa: E402
from hds_policies.cli import main  # noqa: E402
from hds_policies.settings import load_settings  # noqa: E402

HDS, PLAIN = "a1b2c3d4e5f60718293a4b5c6d7e8f90", "0f9e8d7c6b5a49382716f5e4d3c2b1a0"


def account(support: str = "business", subsidiary: str = "FR") -> dict:
    """Routes shaped like the OVHcloud API: a project with the HDS option and one without, with an
    error route for each kind of failure the audit must survive."""
    p, q = f"/cloud/project/{HDS}", f"/cloud/project/{PLAIN}"
    return {
        "/me": {"nichandle": "xx1234-ovh", "ovhSubsidiary": subsidiary, "country": subsidiary},
        "/me/supportLevel": {"level": support},
        "/cloud/project": [HDS, PLAIN],
        p: {"project_id": HDS, "description": "health-prod", "status": "ok"},
        f"{p}/serviceInfos": {"serviceId": 1001, "status": "ok"},
        "/services/1001/options": [
            {"serviceId": 1002, "billing": {"plan": {"code": "certification.hds.2018"}}},
            {"serviceId": 1003, "billing": {"plan": {"code": "project.2018"}}},
        ],
        f"{p}/instance": [
            {"id": "i-gra", "name": "web", "region": "GRA11", "status": "ACTIVE"},
            {"id": "i-bhs", "name": "batch", "region": "BHS5", "status": "ACTIVE"},
        ],
        f"{p}/volume": [
            {"id": "v-plain", "name": "data", "region": "GRA11", "type": "classic", "size": 100},
            {"id": "v-luks", "name": "vault", "region": "SBG5", "type": "classic-luks", "size": 50},
        ],
        f"{p}/database/service": ["db-1"],
        f"{p}/database/service/db-1": {"id": "db-1", "engine": "postgresql", "description": "patients",
                                       "plan": "business", "nodes": [{"region": "GRA", "flavor": "db1-4"}],
                                       "backups": {"regions": ["GRA", "BHS"], "time": "02:00:00"}},
        f"{p}/region": ["GRA"],
        f"{p}/region/GRA/storage": [
            {"name": "scans", "region": "GRA", "encryption": {"sseAlgorithm": "AES256"}},
            {"name": "exports", "region": "GRA", "encryption": {"sseAlgorithm": "plaintext"}},
        ],
        q: {"project_id": PLAIN, "description": "sandbox", "status": "ok"},
        f"{q}/serviceInfos": {"serviceId": 2001, "status": "ok"},
        "/services/2001/options": [{"serviceId": 2002, "billing": {"plan": {"code": "project.2018"}}}],
        f"{q}/instance": [{"id": "i-sbg", "name": "app", "region": "SBG5", "status": "ACTIVE"}],
        f"{q}/volume": (403, {"errorCode": "NOT_GRANTED_CALL", "message": "This call has not been granted"}),
        f"{q}/database/service": [],
        f"{q}/region": (429, {"message": "Too many requests"}),
    }


@pytest.fixture
def ovh_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no ./ovh.conf of the developer's
    monkeypatch.setenv("OVH_APPLICATION_KEY", APP_KEY)
    monkeypatch.setenv("OVH_APPLICATION_SECRET", APP_SECRET)
    monkeypatch.setenv("OVH_CONSUMER_KEY", CONSUMER_KEY)
    monkeypatch.delenv("OVH_ENDPOINT", raising=False)


def _run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _triples(report: str) -> set[tuple[str, str, str]]:
    return {(f["rule_id"], f["resource"]["address"], f["status"]) for f in json.loads(report)["findings"]}


P, Q = f"ovh:cloud/project/{HDS}", f"ovh:cloud/project/{PLAIN}"


def test_audit_judges_the_account_with_the_rules_of_scan(ovh_env, capsys):
    with FakeOvhApi(account()) as api:
        code, out, err = _run(capsys, "audit", "ovh", "--endpoint", "ovh-eu", "--api-url", api.url,
                              "--format", "json")
    assert code == 1
    assert _triples(out) == {
        ("HDS_LOC_001", f"{P}/instance/i-bhs", "failed"),  # BHS5: Beauharnois, Canada
        ("HDS_ENC_001", f"{P}/volume/v-plain", "failed"),  # classic: not a LUKS type
        ("HDS_LOC_003", f"{P}/database/db-1", "failed"),  # backup copy in BHS
        ("HDS_PRV_006", f"{P}/database/db-1", "failed"),  # Aiven sub-processor, remote access
        ("HDS_ENC_001", f"{P}/region/GRA/storage/exports", "failed"),  # plaintext
        # the project without the HDS option and what runs in it
        ("HDS_PRV_004", Q, "failed"),
        ("HDS_PRV_004", f"{Q}/instance/i-sbg", "failed"),
        # error routes: what could not be read is unknown, with the reason
        ("HDS_LOC_001", f"{Q}/volume/*", "unknown"),
        ("HDS_PRV_004", f"{Q}/volume/*", "failed"),
        ("HDS_ENC_001", f"{Q}/volume/*", "unknown"),
        ("HDS_ENC_001", f"{Q}/storage/*", "unknown"),
        ("HDS_LOC_001", f"{Q}/storage/*", "unknown"),
        ("HDS_PRV_004", f"{Q}/storage/*", "failed"),
    }
    assert api.bad_signatures == []  # every authenticated call carried a valid SDK signature
    assert {m for m, _ in api.log} == {"GET"}  # only reads reached the API
    # one line per kind that could not be read, naming the HTTP status, and the progress per project
    assert "cannot check volumes: GET /cloud/project/{id}/volume failed (NotGrantedCall, HTTP 403)" in err
    assert "cannot check Object Storage containers: GET /cloud/project/{id}/region failed (APIError, HTTP 429)" \
        in err
    assert f"project {HDS} (health-prod): 2 instance(s), 2 volume(s), 1 managed database(s), " \
           "2 Object Storage container(s) in 1 region(s)" in err
    for secret in (APP_SECRET, CONSUMER_KEY, APP_KEY):
        assert secret not in out and secret not in err


def test_unknown_findings_name_the_reason(ovh_env):
    with FakeOvhApi(account()) as api:
        result = audit_ovh("ovh-eu", None, api.url)
    found = {(f.rule_id, f.resource.address): f for f in result.findings(load_settings(None))}
    msg = found[("HDS_LOC_001", f"{Q}/volume/*")].message
    assert "not checked: GET /cloud/project/{id}/volume failed (NotGrantedCall, HTTP 403)" in msg
    assert "no HDS option (options of its service: project.2018" in found[("HDS_PRV_004", Q)].message
    assert result.calls["/cloud/project/{id}/database/service/{clusterId}"] == 1


def test_hds_project_passes_only_with_business_support(ovh_env):
    with FakeOvhApi(account(support="standard")) as api:
        result = audit_ovh("ovh-eu", [HDS], api.url)
    found = {(f.rule_id, f.resource.address): f for f in result.findings(load_settings(None))}
    prv = found[("HDS_PRV_004", P)]
    assert prv.status == "failed"
    assert "has the HDS option (certification.hds.2018), but the account's support level is standard" \
        in prv.message
    with FakeOvhApi(account()) as api:
        result = audit_ovh("ovh-eu", [HDS], api.url)
    statuses = {(f.rule_id, f.resource.address): f.status
                for f in result.findings(load_settings(None), include_passed=True)}
    assert statuses[("HDS_PRV_004", P)] == "passed"
    assert statuses[("HDS_PRV_004", f"{P}/instance/i-gra")] == "passed"
    assert not any(a.startswith(Q) for _, a in statuses)  # --project: that project only


def test_account_subsidiary_outside_the_eea_fails(ovh_env):
    with FakeOvhApi(account(subsidiary="CA")) as api:
        result = audit_ovh("ovh-eu", [HDS], api.url)
    prv7 = [f for f in result.findings(load_settings(None)) if f.rule_id == "HDS_PRV_007"]
    assert [(f.resource.address, f.status) for f in prv7] == [("provider.ovh", "failed")]
    assert "subsidiary CA (Canada), outside the EEA" in prv7[0].message
    with FakeOvhApi(account(subsidiary="FR")) as api:
        result = audit_ovh("ovh-ca", [HDS], api.url)  # a Canadian endpoint fails whatever the subsidiary
    prv7 = [f for f in result.findings(load_settings(None)) if f.rule_id == "HDS_PRV_007"]
    assert [(f.resource.address, f.status) for f in prv7] == [("provider.ovh", "failed")]
    assert "endpoint ovh-ca" in prv7[0].message


def test_the_client_offers_get_only():
    calls: dict = {}
    wrapped = ReadOnlyOvh(object.__new__(type("C", (), {"get": lambda self, p: p})), calls)  # noqa: ARG005
    for verb in ("post", "put", "delete", "call", "raw_call", "_client"):
        assert not hasattr(wrapped, verb)
    with pytest.raises(AttributeError):
        wrapped.extra = 1  # __slots__: nothing can be attached to reach the client


@pytest.mark.parametrize("argv, routes, expected", [
    (["--endpoint", "ovh-mars"], None, "--endpoint ovh-mars: not an endpoint the ovh SDK knows"),
    (["--project", "not-mine"], account(), "--project not-mine: not a Public Cloud project of this account"),
    ([], {**account(), "/me": (403, {"errorCode": "INVALID_CREDENTIAL", "message": "bad"})},
     "OVHcloud (ovh-eu) refused the credentials (InvalidCredential)"),
])
def test_bad_input_is_one_line_and_exit_2(ovh_env, capsys, argv, routes, expected):
    with FakeOvhApi(routes or {}) as api:
        base = ["audit", "ovh", "--api-url", api.url, *(["--endpoint", "ovh-eu"] if "--endpoint" not in argv else [])]
        code, out, err = _run(capsys, *base, *argv)
    assert code == 2
    lines = [line for line in err.splitlines() if line.startswith("hds-policies: error:")]
    assert len(lines) == 1 and expected in lines[0], err
    assert out == ""


def test_no_credentials_is_exit_2(ovh_env, capsys, monkeypatch):
    monkeypatch.delenv("OVH_APPLICATION_KEY")
    monkeypatch.delenv("OVH_APPLICATION_SECRET")
    monkeypatch.setenv("HOME", str(Path.cwd()))  # no ~/.ovh.conf either
    code, out, err = _run(capsys, "audit", "ovh", "--endpoint", "ovh-eu")
    assert code == 2 and out == ""
    assert err.startswith("hds-policies: error: OVHcloud credentials: Missing authentication information")
    assert len(err.splitlines()) == 1


def test_unreachable_api_is_exit_2(ovh_env, capsys):
    with FakeOvhApi({}) as api:
        url = api.url
    code, out, err = _run(capsys, "audit", "ovh", "--endpoint", "ovh-eu", "--api-url", url)  # server gone
    assert code == 2 and out == ""
    assert err.strip() == "hds-policies: error: cannot reach the OVHcloud API (ovh-eu)"


def test_scan_points_at_the_audit_for_a_project_not_in_the_code(capsys):
    fixture = Path(__file__).parent.parent / "fixtures" / "terraform" / "ovh_project_hds"
    main(["scan", str(fixture), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    ops = [f for f in findings
           if f["rule_id"] == "HDS_PRV_004" and f["resource"]["address"] == "ovh_cloud_project_user.ops"]
    assert [f["status"] for f in ops] == ["unknown"]
    assert "check it with `hds-policies audit ovh --project 0123456789abcdef0123456789abcdef`" in ops[0]["message"]


def test_project_list_refused_and_a_subsidiary_without_one_country_are_unknown(ovh_env, capsys):
    routes = {**account(subsidiary="WE"), "/cloud/project": (403, {"errorCode": "NOT_GRANTED_CALL",
                                                                   "message": "This call has not been granted"})}
    with FakeOvhApi(routes) as api:
        code, out, err = _run(capsys, "audit", "ovh", "--endpoint", "ovh-eu", "--api-url", api.url,
                              "--format", "json")
    assert code == 0  # nothing failed; what could not be read is unknown
    assert _triples(out) == {
        ("HDS_PRV_004", "ovh:cloud/project/*", "unknown"),
        ("HDS_PRV_007", "provider.ovh", "unknown"),
    }
    assert json.loads(out)["summary"]["unknown"] == 2
    assert "cannot check Public Cloud projects: GET /cloud/project failed (NotGrantedCall, HTTP 403)" in err
    assert "subsidiary WE is not tied to one country in the catalog" in out
