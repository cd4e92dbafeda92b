"""Agreement of our verdicts with Checkov's own test-suite verdicts, for the Checkov checks that mean
the same as one of our encryption rules.

    python bench/checkov_agreement.py CHECKOV_CHECKOUT [--details]

CHECKOV_CHECKOUT is a checkout of bridgecrewio/checkov (only tests/terraform/checks/resource is read).
For each check in EQUIVALENTS, its test file `test_<Check>.py` names the resources Checkov passes
and fails in `example_<Check>/`; we scan that folder (HCL loader + engine, as `hds-policies scan`
does, passes included) and compare our verdict of the equivalent rule on each of those resources.
Ours is `passed`, `failed`, `unknown` (the code does not say) or `-` (not judged). Agreement:
the same pass/fail verdict. Nothing of Checkov's is copied: its test folders are read in place.
"""

from __future__ import annotations

import ast
import datetime as dt
import sys
from collections import Counter
from pathlib import Path

from hds_policies.engine import evaluate
from hds_policies.settings import settings_from_dict
from hds_policies.terraform.hcl_loader import load_hcl

# Checkov check (provider folder, class name) -> our rule of the same meaning. Checks about
# customer-managed keys (…WithCMK) compare with HDS_ENC_002, judged with require_customer_managed_keys.
EQUIVALENTS: dict[tuple[str, str], str] = {
    # encryption at rest
    ("aws", "EBSEncryption"): "HDS_ENC_001",
    ("aws", "LaunchConfigurationEBSEncryption"): "HDS_ENC_001",
    ("aws", "RDSEncryption"): "HDS_ENC_001",
    ("aws", "EFSEncryptionEnabled"): "HDS_ENC_001",
    ("aws", "ElasticsearchEncryption"): "HDS_ENC_001",
    ("aws", "NeptuneClusterStorageEncrypted"): "HDS_ENC_001",
    ("aws", "SNSTopicEncryption"): "HDS_ENC_001",
    ("aws", "SQSQueueEncryption"): "HDS_ENC_001",
    ("aws", "KinesisStreamEncryptionType"): "HDS_ENC_001",
    ("aws", "DAXEncryption"): "HDS_ENC_001",
    ("aws", "GlueSecurityConfigurationEnabled"): "HDS_ENC_001",
    ("aws", "EBSDefaultEncryption"): "HDS_ENC_001",
    ("aws", "EMRClusterConfEncryptsLocalDisk"): "HDS_ENC_001",
    ("azure", "AzureManagedDiskEncryption"): "HDS_ENC_001",
    # encryption in transit
    ("aws", "ElasticsearchDomainEnforceHTTPS"): "HDS_TLS_001",
    ("aws", "ElasticsearchNodeToNodeEncryption"): "HDS_TLS_001",
    ("aws", "DAXEndpointTLS"): "HDS_TLS_001",
    ("aws", "MemoryDBClusterIntransitEncryption"): "HDS_TLS_001",
    ("aws", "EMRClusterConfEncryptsInTransit"): "HDS_TLS_001",
    ("aws", "SagemakerDataQualityJobDefinitionTrafficEncryption"): "HDS_TLS_001",
    ("aws", "ELBwListenerNotTLSSSL"): "HDS_TLS_001",
    ("aws", "ElasticsearchTLSPolicy"): "HDS_TLS_002",
    ("aws", "CloudfrontTLS12"): "HDS_TLS_002",
    ("aws", "ELBPolicyUsesSecureProtocols"): "HDS_TLS_002",
    ("aws", "RedShiftSSL"): "HDS_TLS_003",
    ("azure", "StorageAccountsTransportEncryption"): "HDS_TLS_001",
    ("azure", "AppServiceHTTPSOnly"): "HDS_TLS_001",
    ("azure", "AppServiceSlotHTTPSOnly"): "HDS_TLS_001",
    ("azure", "FunctionAppAccessibleOverHttps"): "HDS_TLS_001",
    ("azure", "AppGWUsesHttps"): "HDS_TLS_001",
    ("azure", "CDNEnableHttpsEndpoints"): "HDS_TLS_001",
    ("azure", "APIManagementBackendHTTPS"): "HDS_TLS_001",
    ("azure", "AppServiceMinTLSVersion"): "HDS_TLS_002",
    ("azure", "AppServiceSlotMinTLS"): "HDS_TLS_002",
    ("azure", "FunctionAppMinTLSVersion"): "HDS_TLS_002",
    ("azure", "RedisCacheMinTLSVersion"): "HDS_TLS_002",
    ("azure", "PostgreSQLMinTLSVersion"): "HDS_TLS_002",
    ("azure", "APIManagementMinTLS12"): "HDS_TLS_002",
    ("azure", "AppGWDefinesSecureProtocols"): "HDS_TLS_002",
    ("azure", "CDNTLSProtocol12"): "HDS_TLS_002",
    ("azure", "EventHubNamespaceMinTLS12"): "HDS_TLS_002",
    ("azure", "AzureServicebusMinTLSVersion"): "HDS_TLS_002",
    ("gcp", "MemorystoreForRedisInTransitEncryption"): "HDS_TLS_001",
}
AS_OF = dt.date(2026, 11, 22)


def expected(test_file: Path) -> tuple[set[str], set[str]] | None:
    """(passing, failing) resource addresses a Checkov test asserts, from its set literals."""
    tree = ast.parse(test_file.read_text(encoding="utf-8"))
    found: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in ("passing_resources", "failing_resources") and isinstance(node.value, ast.Set):
                found[name] = {e.value for e in node.value.elts if isinstance(e, ast.Constant)}
    if "passing_resources" not in found and "failing_resources" not in found:
        return None
    return found.get("passing_resources", set()), found.get("failing_resources", set())


def main(argv: list[str]) -> int:
    if not argv or not Path(argv[0]).is_dir():
        print("usage: checkov_agreement.py CHECKOV_CHECKOUT [--details]", file=sys.stderr)
        return 2
    root = Path(argv[0]) / "tests" / "terraform" / "checks" / "resource"
    details = "--details" in argv
    total: Counter[str] = Counter()
    rows = []
    for (provider, check), rule_id in EQUIVALENTS.items():
        folder, test = root / provider / f"example_{check}", root / provider / f"test_{check}.py"
        want = expected(test) if test.is_file() and folder.is_dir() else None
        if want is None:
            rows.append(f"{provider}/{check}: no example folder with resource sets; skipped")
            continue
        settings = settings_from_dict({"require_customer_managed_keys": rule_id == "HDS_ENC_002"},
                                      "bench settings", as_of=AS_OF)
        try:
            findings = evaluate(load_hcl(folder, settings.catalog), settings, include_passed=True)
        except Exception as exc:  # a folder our reader rejects counts as disagreement on all of it
            findings = []
            rows.append(f"{provider}/{check}: scan failed: {type(exc).__name__}: {exc}")
        ours = {f.resource.address: f.status for f in findings if f.rule_id == rule_id}
        counts: Counter[str] = Counter()
        for verdict, addresses in (("passed", want[0]), ("failed", want[1])):
            for address in sorted(addresses):
                got = ours.get(address, "-")
                outcome = "agree" if got == verdict else f"{got}"
                counts[outcome] += 1
                total[outcome] += 1
                if details and got != verdict:
                    rows.append(f"    {check} {address}: checkov {verdict}, ours {got}")
        n = sum(counts.values())
        total["verdicts"] += n
        total["folders"] += 1
        rows.append(f"{provider}/{check} -> {rule_id}: {counts['agree']}/{n} agree"
                    + "".join(f", {k} {v}" for k, v in sorted(counts.items()) if k != "agree"))
    print("\n".join(rows))
    print(f"\nagreement: {total['agree']}/{total['verdicts']} verdicts in {total['folders']} example folders "
          f"(ours unknown: {total['unknown']}, ours passed where Checkov fails or the reverse: "
          f"{total['passed'] + total['failed']}, not judged: {total['-']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
