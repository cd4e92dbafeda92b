"""`hds-policies audit aws`: the real boto3 against moto in server mode on the loopback (tests/moto_support.py)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("boto3")
pytest.importorskip("moto.server")

from moto_support import ACCOUNT, ENV, client, moto_server, seed_account  # noqa: E402

from hds_policies.audit.aws import READ_PREFIXES, AwsAudit, MutatingCallRefused, read_only_session  # noqa: E402
from hds_policies.cli import main  # noqa: E402
from hds_policies.settings import load_settings  # noqa: E402

REGIONS = ["eu-west-3", "eu-central-1", "us-east-1"]


@pytest.fixture(scope="module")
def moto_url():
    with pytest.MonkeyPatch.context() as mp:
        for key, value in ENV.items():
            mp.setenv(key, value)
        mp.delenv("AWS_PROFILE", raising=False)
        with moto_server() as url:
            seed_account(url)
            yield url


@pytest.fixture
def aws_env(moto_url, monkeypatch):
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    return moto_url


def _id_by_name(url: str, region: str, name: str, kind: str) -> str:
    if kind == "volume":
        vols = client(url, "ec2", region).describe_volumes(Filters=[{"Name": "tag:Name", "Values": [name]}])
        return f"arn:aws:ec2:{region}:{ACCOUNT}:volume/{vols['Volumes'][0]['VolumeId']}"
    systems = client(url, "efs", region).describe_file_systems()["FileSystems"]
    return next(fs["FileSystemArn"] for fs in systems if fs.get("Name") == name)


def _triples(report: str) -> set[tuple[str, str, str]]:
    return {(f["rule_id"], f["resource"]["address"], f["status"]) for f in json.loads(report)["findings"]}


def test_audit_judges_the_account_with_the_rules_of_scan(aws_env, capsys):
    url = aws_env
    argv = ["audit", "aws", "--endpoint-url", url, "--format", "json"]
    for region in REGIONS:
        argv += ["--region", region]
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 1
    vault = f"arn:aws:backup:eu-west-3:{ACCOUNT}:backup-vault"
    assert _triples(out) == {
        ("HDS_LOC_001", "arn:aws:s3:::us-logs", "failed"),
        ("HDS_TLS_004", "arn:aws:s3:::us-logs", "failed"),
        ("HDS_BKP_002", "arn:aws:s3:::hds-backups-gov", "failed"),  # GOVERNANCE retention
        ("HDS_ENC_001", f"arn:aws:rds:eu-west-3:{ACCOUNT}:db:legacy", "failed"),
        ("HDS_TLS_003", f"arn:aws:rds:eu-west-3:{ACCOUNT}:db:legacy", "failed"),  # postgres 14, default group
        ("HDS_ENC_001", _id_by_name(url, "eu-west-3", "plain", "volume"), "failed"),
        ("HDS_LOC_001", _id_by_name(url, "us-east-1", "virginia", "volume"), "failed"),
        ("HDS_ENC_001", _id_by_name(url, "eu-central-1", "scratch", "efs"), "failed"),
        ("HDS_LOC_001", f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/us-sessions", "failed"),
        ("HDS_BKP_001", f"{vault}:vault-open", "failed"),
        ("HDS_BKP_001", f"{vault}:vault-governance", "failed"),
    }
    assert "oregon-not-audited" not in out  # us-west-2 was not asked for
    summary = json.loads(out)["summary"]
    assert {k: summary[k] for k in ("resources", "failed", "unknown", "skipped")} == \
        {"resources": 17, "failed": 11, "unknown": 0, "skipped": 0}
    assert "hds-policies audit: eu-west-3: 3 DB instance(s), 0 DB cluster(s), 2 EBS volume(s) " \
           "(encryption by default off), 1 EFS file system(s), 1 DynamoDB table(s), 3 Backup vault(s)" in err
    assert "testing" not in out + err  # the access key (moto's "testing") never shows


def test_compliant_stores_pass(aws_env):
    audit = AwsAudit(None, REGIONS, aws_env, None)
    statuses = {(f.rule_id, f.resource.address): f.status
                for f in audit.run().findings(load_settings(None), include_passed=True)}
    rds = f"arn:aws:rds:eu-west-3:{ACCOUNT}:db"
    assert statuses[("HDS_TLS_003", f"{rds}:patients")] == "passed"  # rds.force_ssl = 1 in pg14-tls
    assert statuses[("HDS_TLS_003", f"{rds}:modern")] == "passed"  # postgres 16 forces TLS by default
    assert statuses[("HDS_BKP_002", "arn:aws:s3:::hds-backups")] == "passed"  # COMPLIANCE lock
    assert statuses[("HDS_TLS_004", "arn:aws:s3:::hds-records")] == "passed"
    assert statuses[("HDS_BKP_001", f"arn:aws:backup:eu-west-3:{ACCOUNT}:backup-vault:vault-compliance")] == "passed"
    assert statuses[("HDS_LOC_001", f"arn:aws:dynamodb:eu-west-3:{ACCOUNT}:table/records")] == "passed"


def test_only_read_calls_reach_the_api(aws_env):
    audit = AwsAudit(None, REGIONS, aws_env, None)
    sent: list[str] = []
    audit.session.events.register("after-call", lambda model, **_: sent.append(model.name))
    result = audit.run()
    assert sent and all(name.startswith(READ_PREFIXES) for name in sent)
    assert sum(result.calls.values()) == len(sent)
    # one list call per kind and region; one call per bucket setting (no list call answers those)
    assert result.calls["rds:DescribeDBInstances"] == 3 and result.calls["backup:ListBackupVaults"] == 3
    assert result.calls["s3:GetBucketPolicy"] == 4 and result.calls["s3:ListBuckets"] == 1


def test_a_mutating_call_is_refused_before_it_leaves(aws_env):
    calls: Counter[str] = Counter()
    s3 = read_only_session(None, calls).client("s3", region_name="eu-west-3", endpoint_url=aws_env)
    with pytest.raises(MutatingCallRefused, match="s3:CreateBucket is not a read call"):
        s3.create_bucket(Bucket="written-by-the-audit",
                         CreateBucketConfiguration={"LocationConstraint": "eu-west-3"})
    with pytest.raises(MutatingCallRefused, match="s3:PutBucketPolicy"):
        s3.put_bucket_policy(Bucket="us-logs", Policy="{}")
    names = [b["Name"] for b in client(aws_env, "s3", "us-east-1").list_buckets()["Buckets"]]
    assert "written-by-the-audit" not in names
    assert "Policy" not in str(client(aws_env, "s3", "us-east-1").list_buckets())
    assert dict(calls) == {}  # refused calls are not counted as made


@pytest.fixture
def iam_enforced(aws_env, monkeypatch):
    """moto's IAM enforcement (its INITIAL_NO_AUTH_ACTION_COUNT setting) with an auditor whose policy
    denies two read calls: the audit meets real AccessDenied answers."""
    from moto import settings

    iam = client(aws_env, "iam", "us-east-1")
    iam.create_user(UserName="auditor")
    iam.put_user_policy(UserName="auditor", PolicyName="audit", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "*", "Resource": "*"},
            {"Effect": "Deny", "Action": ["rds:DescribeDBInstances", "s3:GetBucketPolicy"], "Resource": "*"}]}))
    key = iam.create_access_key(UserName="auditor")["AccessKey"]
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", key["AccessKeyId"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", key["SecretAccessKey"])
    monkeypatch.setattr(settings, "INITIAL_NO_AUTH_ACTION_COUNT", 0)
    yield {"url": aws_env, **key}
    monkeypatch.undo()
    iam.delete_user_policy(UserName="auditor", PolicyName="audit")
    iam.delete_access_key(UserName="auditor", AccessKeyId=key["AccessKeyId"])
    iam.delete_user(UserName="auditor")


def test_refused_calls_are_unknown_findings_and_the_audit_goes_on(iam_enforced, capsys):
    code = main(["audit", "aws", "--endpoint-url", iam_enforced["url"], "--region", "eu-west-3",
                 "--format", "json"])
    out, err = capsys.readouterr()
    found = {(f["rule_id"], f["resource"]["address"]): f for f in json.loads(out)["findings"]}
    every_db = f"arn:aws:rds:eu-west-3:{ACCOUNT}:db:*"
    assert found[("HDS_ENC_001", every_db)]["status"] == "unknown"
    assert found[("HDS_TLS_003", every_db)]["status"] == "unknown"
    assert "not checked: DescribeDBInstances refused (AccessDenied)" in found[("HDS_ENC_001", every_db)]["message"]
    for name in ("hds-records", "hds-backups"):
        assert found[("HDS_TLS_004", f"arn:aws:s3:::{name}")]["status"] == "unknown"
    # the rest of the region is still judged
    assert [(f["resource"]["name"], f["status"]) for (rule, _), f in found.items()
            if rule == "HDS_ENC_001" and f["resource"]["type"] == "aws_ebs_volume"] == [("plain", "failed")]
    # a vault list refused: unknown (lock state included), never a guessed failure
    every_vault = f"arn:aws:backup:eu-west-3:{ACCOUNT}:backup-vault:*"
    assert found[("HDS_BKP_001", every_vault)]["status"] == "unknown"
    lines = [line for line in err.splitlines() if "cannot check" in line]
    assert lines == [  # one line per kind, however many buckets; moto answers its REST services with a bare 403
        "hds-policies audit: cannot check S3 bucket policy: GetBucketPolicy refused (AccessDenied) "
        "(reported as unknown)",
        "hds-policies audit: cannot check RDS DB instances: DescribeDBInstances refused (AccessDenied) "
        "(reported as unknown)",
        "hds-policies audit: cannot check EFS file systems: DescribeFileSystems refused (403) (reported as unknown)",
        "hds-policies audit: cannot check AWS Backup vaults: ListBackupVaults refused (403) (reported as unknown)",
    ]
    assert code == 1
    assert iam_enforced["SecretAccessKey"] not in out + err and iam_enforced["AccessKeyId"] not in out + err


def test_rejected_credentials_are_exit_2(iam_enforced, monkeypatch, capsys):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEUNKNOWN00")
    code = main(["audit", "aws", "--endpoint-url", iam_enforced["url"], "--region", "eu-west-3"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err == "hds-policies: error: AWS refused the credentials: GetCallerIdentity refused " \
                  "(InvalidClientTokenId)\n"


def test_unknown_profile_is_exit_2(aws_env, capsys):
    code = main(["audit", "aws", "--profile", "no-such-profile", "--endpoint-url", aws_env])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err == "hds-policies: error: --profile no-such-profile: no such profile in the AWS config files\n"


def test_no_credentials_is_exit_2(aws_env, monkeypatch, capsys, tmp_path: Path):
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    code = main(["audit", "aws", "--endpoint-url", aws_env, "--region", "eu-west-3"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith("hds-policies: error: no AWS credentials found") and err.count("\n") == 1


def test_unreachable_endpoint_is_exit_2(aws_env, capsys):
    import socket

    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = main(["audit", "aws", "--endpoint-url", f"http://127.0.0.1:{port}", "--region", "eu-west-3"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err == f"hds-policies: error: cannot reach AWS (http://127.0.0.1:{port}): EndpointConnectionError\n"


# boto3 operation -> IAM action, where the names differ
IAM_NAMES = {"s3:ListBuckets": "s3:ListAllMyBuckets", "s3:GetBucketEncryption": "s3:GetEncryptionConfiguration",
             "s3:GetObjectLockConfiguration": "s3:GetBucketObjectLockConfiguration"}


def test_readme_policy_allows_every_call_the_audit_makes(aws_env):
    from hds_policies.audit.aws import policy_document

    calls = AwsAudit(None, REGIONS, aws_env, None).run().calls
    whole = AwsAudit(None, None, aws_env, None)  # no --region: the enabled regions are asked for
    whole.connect()
    assert {"eu-west-3", "us-east-1"} <= set(whole.regions())
    calls.update(whole.calls)
    made = {IAM_NAMES.get(op, op.replace("efs:", "elasticfilesystem:")) for op in calls}
    allowed = set(json.loads(policy_document())["Statement"][0]["Action"])
    assert made <= allowed, made - allowed
    assert "ec2:DescribeRegions" in made
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert policy_document() in readme
