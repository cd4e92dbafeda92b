"""`hds-policies audit ovh`: read a live OVHcloud account with the `ovh` SDK (GET only) into the engine's model.

Public Cloud projects, their instances, volumes, managed databases and Object Storage containers become
`Resource`s under the Terraform types and attribute names the rules read (region, region_name, type,
nodes[].region, backup_regions, encryption.sse_algorithm …). What only the account shows (the HDS
option among the project service's options, the support level, the subsidiary) is set under the
`live_*` attributes that rules/ovh_live.py judges.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, TextIO

from ..catalog import DataError
from ..model import Graph, ProviderConfig, Resource
from ..rules.ovh_live import LIVE_PLAN_CODES, LIVE_SUBSIDIARY, LIVE_SUPPORT_LEVEL
from .common import AuditResult, Problems, not_checked, progress

ROUTES = (  # every route the audit reads (README lists them as the token's access rules)
    "/auth/time", "/me", "/me/supportLevel", "/cloud/project", "/cloud/project/*",
    "/services/*/options",
)


class ReadOnlyOvh:
    """The ovh client reduced to GET: the audit holds this object, never the client itself."""

    __slots__ = ("_get", "calls")

    def __init__(self, client: Any, calls: Counter[str]):
        self._get = client.get
        self.calls = calls

    def get(self, path: str, route: str) -> Any:
        """GET `path`; `route` is its template, counted per call (`/cloud/project/{id}/instance`)."""
        self.calls[route] += 1
        return self._get(path)


def _reason(route: str, exc: Exception) -> str:
    """A short reason for an API error; never the request's headers or keys."""
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None)
    return f"GET {route} failed ({type(exc).__name__}{f', HTTP {status}' if status else ''})"


def connect(endpoint: str | None, api_url: str | None, calls: Counter[str]) -> tuple[ReadOnlyOvh, str]:
    """A read-only client and the endpoint name; DataError (exit 2) for an endpoint the SDK does not know
    or credentials it cannot find."""
    import ovh
    from ovh.config import ConfigurationManager

    name = endpoint or ConfigurationManager().get("default", "endpoint")
    if not name:
        raise DataError("no OVHcloud endpoint: give --endpoint (ovh-eu, ovh-ca, ovh-us …) or set OVH_ENDPOINT")
    if name not in ovh.client.ENDPOINTS:
        raise DataError(f"--endpoint {name}: not an endpoint the ovh SDK knows "
                        f"({', '.join(sorted(ovh.client.ENDPOINTS))})")
    try:
        client = ovh.Client(endpoint=name, timeout=(10, 60))
    except ovh.exceptions.InvalidConfiguration as exc:
        raise DataError(f"OVHcloud credentials: {' '.join(str(exc).split())} (environment or ovh.conf)") from None
    if api_url:
        # The SDK maps endpoint names to URLs; a test server or a proxy is reached under the same name.
        client._endpoint = api_url.rstrip("/")
    return ReadOnlyOvh(client, calls), name


class OvhAudit:
    """One audit run over the account's Public Cloud projects (or the ones asked for)."""

    def __init__(self, endpoint: str | None, projects: list[str] | None, api_url: str | None,
                 stream: TextIO | None):
        self.calls: Counter[str] = Counter()
        self.api, self.endpoint = connect(endpoint, api_url, self.calls)
        self.requested = projects
        self.stream = stream
        self.problems = Problems(stream)
        self.resources: list[Resource] = []
        self.config = ProviderConfig(key="ovh", name="ovh", provider="ovh", attrs={"endpoint": self.endpoint})

    def read(self, kind: str, scope: str, path: str, route: str) -> tuple[Any, str | None]:
        """(answer, None), or (None, reason) after recording the error for the kind."""
        import ovh

        try:
            return self.api.get(path, route), None
        except ovh.exceptions.APIError as exc:  # HTTP errors, timeouts (HTTPError) and bad answers too
            why = _reason(route, exc)
            self.problems.add(kind, scope, why)
            return None, why

    def add(self, address: str, rtype: str, name: str, attrs: dict[str, Any], refs: tuple[str, ...] = ()) -> Resource:
        res = Resource(address=address, type=rtype, name=name, provider="ovh", provider_key="ovh", attrs=attrs,
                       refs=frozenset(refs))
        self.resources.append(res)
        return res

    # --- the account ----------------------------------------------------------------------------

    def account(self) -> tuple[Any, Any]:
        """(subsidiary, support level); DataError when the API is unreachable or refuses the keys."""
        import ovh

        try:
            me = self.api.get("/me", "/me")
        except (ovh.exceptions.InvalidKey, ovh.exceptions.InvalidCredential, ovh.exceptions.NotCredential) as exc:
            raise DataError(f"OVHcloud ({self.endpoint}) refused the credentials ({type(exc).__name__})") from None
        except ovh.exceptions.HTTPError:
            raise DataError(f"cannot reach the OVHcloud API ({self.endpoint})") from None
        except ovh.exceptions.APIError as exc:
            why = _reason("/me", exc)
            self.problems.add("account subsidiary", "account", why)
            subsidiary: Any = not_checked(why)
        else:
            subsidiary = me.get("ovhSubsidiary") or me.get("subsidiary") or not_checked("/me holds no subsidiary")
        level, why = self.read("support level", "account", "/me/supportLevel", "/me/supportLevel")
        return subsidiary, ((level or {}).get("level") if why is None else not_checked(why))

    def projects(self) -> list[str]:
        ids, why = self.read("Public Cloud projects", "account", "/cloud/project", "/cloud/project")
        if why is not None:
            if self.requested:
                return list(dict.fromkeys(self.requested))
            self.add("ovh:cloud/project/*", "ovh_cloud_project", "(every Public Cloud project)",
                     {LIVE_PLAN_CODES: not_checked(why)})
            return []
        if self.requested:
            for pid in self.requested:
                if pid not in ids:
                    raise DataError(f"--project {pid}: not a Public Cloud project of this account "
                                    f"({len(ids)} project(s) on {self.endpoint})")
            return list(dict.fromkeys(self.requested))
        return sorted(ids)

    # --- one project ----------------------------------------------------------------------------

    def project(self, pid: str, support: Any) -> None:
        base = f"/cloud/project/{pid}"
        info, _ = self.read("Public Cloud projects", pid, base, "/cloud/project/{id}")
        name = (info or {}).get("description") or pid
        codes: Any
        infos, why = self.read("project service options", pid, f"{base}/serviceInfos",
                               "/cloud/project/{id}/serviceInfos")
        if why is None:
            options, why = self.read("project service options", pid, f"/services/{infos['serviceId']}/options",
                                     "/services/{serviceId}/options")
        codes = not_checked(why) if why is not None else [
            ((o.get("billing") or {}).get("plan") or {}).get("code") for o in options or []]
        project = self.add(f"ovh:cloud/project/{pid}", "ovh_cloud_project", name, {
            "project_id": pid, "description": name, LIVE_PLAN_CODES: codes, LIVE_SUPPORT_LEVEL: support})
        refs = (project.address,)
        counts = [self._instances(pid, refs), self._volumes(pid, refs), self._databases(pid, refs),
                  self._containers(pid, refs)]
        progress(self.stream, f"project {pid} ({name}): {', '.join(counts)}")

    def _placeholder(self, pid: str, rtype: str, what: str, kind: str, why: str, refs: tuple[str, ...]) -> None:
        gone = not_checked(why)
        attrs: dict[str, Any] = {"service_name": pid, "region": gone, "region_name": gone}
        if rtype == "ovh_cloud_project_volume":
            attrs["type"] = gone  # the encryption evidence
        elif rtype == "ovh_cloud_project_storage":
            attrs["encryption"] = [{"sse_algorithm": gone}]
        elif rtype == "ovh_cloud_project_database":
            attrs["backup_regions"] = gone
        self.add(f"ovh:cloud/project/{pid}/{what}/*", rtype, f"(every {kind} of project {pid})", attrs, refs)

    def _instances(self, pid: str, refs: tuple[str, ...]) -> str:
        items, why = self.read("instances", pid, f"/cloud/project/{pid}/instance", "/cloud/project/{id}/instance")
        if why is not None:
            self._placeholder(pid, "ovh_cloud_project_instance", "instance", "instance", why, refs)
            return "instances not checked"
        for i in items:
            self.add(f"ovh:cloud/project/{pid}/instance/{i['id']}", "ovh_cloud_project_instance",
                     i.get("name") or i["id"], {"service_name": pid, "name": i.get("name"), "region": i.get("region")},
                     refs)
        return f"{len(items)} instance(s)"

    def _volumes(self, pid: str, refs: tuple[str, ...]) -> str:
        items, why = self.read("volumes", pid, f"/cloud/project/{pid}/volume", "/cloud/project/{id}/volume")
        if why is not None:
            self._placeholder(pid, "ovh_cloud_project_volume", "volume", "volume", why, refs)
            return "volumes not checked"
        for v in items:
            self.add(f"ovh:cloud/project/{pid}/volume/{v['id']}", "ovh_cloud_project_volume", v.get("name") or v["id"],
                     {"service_name": pid, "name": v.get("name"), "region_name": v.get("region"),
                      "type": v.get("type"), "size": v.get("size")}, refs)
        return f"{len(items)} volume(s)"

    def _databases(self, pid: str, refs: tuple[str, ...]) -> str:
        route = "/cloud/project/{id}/database/service"
        ids, why = self.read("managed databases", pid, f"/cloud/project/{pid}/database/service", route)
        if why is not None:
            self._placeholder(pid, "ovh_cloud_project_database", "database", "managed database", why, refs)
            return "managed databases not checked"
        for cid in ids:  # the list answers ids only: one GET per cluster for its nodes and backup regions
            db, why = self.read("managed databases", f"{pid}/{cid}", f"/cloud/project/{pid}/database/service/{cid}",
                                route + "/{clusterId}")
            address = f"ovh:cloud/project/{pid}/database/{cid}"
            if why is not None:
                self.add(address, "ovh_cloud_project_database", cid, {"service_name": pid, "region": not_checked(why),
                                                                     "backup_regions": not_checked(why)}, refs)
                continue
            backups = (db.get("backups") or {}).get("regions")
            self.add(address, "ovh_cloud_project_database", db.get("description") or cid, {
                "service_name": pid, "engine": db.get("engine"), "description": db.get("description"),
                "plan": db.get("plan"), "nodes": [{"region": n.get("region")} for n in db.get("nodes") or []],
                "backup_regions": list(backups) if backups else None}, refs)
        return f"{len(ids)} managed database(s)"

    def _containers(self, pid: str, refs: tuple[str, ...]) -> str:
        regions, why = self.read("Object Storage containers", pid, f"/cloud/project/{pid}/region",
                                 "/cloud/project/{id}/region")
        if why is not None:
            self._placeholder(pid, "ovh_cloud_project_storage", "storage", "Object Storage container", why, refs)
            return "Object Storage not checked"
        count = 0
        for region in regions:
            route = "/cloud/project/{id}/region/{region}/storage"
            items, why = self.read("Object Storage containers", f"{pid}/{region}",
                                   f"/cloud/project/{pid}/region/{region}/storage", route)
            if why is not None:
                self.add(f"ovh:cloud/project/{pid}/region/{region}/storage/*", "ovh_cloud_project_storage",
                         f"(every Object Storage container of project {pid} in {region})",
                         {"service_name": pid, "region_name": region,
                          "encryption": [{"sse_algorithm": not_checked(why)}]}, refs)
                continue
            for c in items:
                count += 1
                attrs: dict[str, Any] = {"service_name": pid, "name": c["name"],
                                         "region_name": c.get("region") or region, "tags": c.get("tags") or {}}
                enc = (c.get("encryption") or {}).get("sseAlgorithm")
                attrs["encryption"] = [{"sse_algorithm": enc}] if enc else []
                lock = c.get("objectLock") or {}
                if lock:
                    rule = lock.get("rule") or {}
                    attrs["object_lock"] = [{"status": lock.get("status"),
                                             "rule": [{"mode": rule.get("mode"), "period": rule.get("period")}]
                                             if rule else []}]
                self.add(f"ovh:cloud/project/{pid}/region/{region}/storage/{c['name']}", "ovh_cloud_project_storage",
                         c["name"], attrs, refs)
        return f"{count} Object Storage container(s) in {len(regions)} region(s)"

    # --- the run --------------------------------------------------------------------------------

    def run(self) -> AuditResult:
        subsidiary, support = self.account()
        self.config.attrs[LIVE_SUBSIDIARY] = subsidiary
        shown = subsidiary if isinstance(subsidiary, str) else "unknown"
        level = support if isinstance(support, str) else "unknown"
        pids = self.projects()
        progress(self.stream, f"OVHcloud account on {self.endpoint} (subsidiary {shown}, support {level}): "
                              f"{len(pids)} project(s)")
        for pid in pids:
            self.project(pid, support)
        graph = Graph(self.resources, {"ovh": self.config}, source=f"ovh account on {self.endpoint}")
        return AuditResult(graph, self.problems, self.calls)


def audit_ovh(endpoint: str | None = None, projects: list[str] | None = None, api_url: str | None = None,
              stream: TextIO | None = None) -> AuditResult:
    """Read the account (GET only) into a graph for the engine."""
    return OvhAudit(endpoint, projects, api_url, stream).run()
