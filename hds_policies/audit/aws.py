"""`hds-policies audit aws`: read a live AWS account with boto3 (read calls only) into the engine's model.

Every store becomes a `Resource` addressed by its ARN, with its settings under the Terraform attribute
names the rules already read (storage_encrypted, server_side_encryption_configuration, policy …), so
the rules of `hds_policies.rules` judge the account exactly as they judge code.
"""

from __future__ import annotations

import datetime as _dt
import json
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TextIO

from ..catalog import DataError
from ..model import Graph, ProviderConfig, Resource, Unknown
from .common import AuditResult, Problems, not_checked, progress

READ_PREFIXES = ("Get", "List", "Describe", "Head")
WORKERS = 8  # concurrent per-item reads (bucket settings, DescribeTable): latency, not CPU, bounds them
DEFAULT_REGION = "us-east-1"  # where the account-wide calls go (STS, EC2 DescribeRegions, S3 ListBuckets)
# Placeholders stand for every store of a kind that could not be listed: attribute -> reason.
PLACEHOLDER_ATTRS = {
    "aws_s3_bucket": ("server_side_encryption_configuration", "policy"),
    "aws_db_instance": ("storage_encrypted", "engine"),
    "aws_rds_cluster": ("storage_encrypted", "engine"),
    "aws_ebs_volume": ("encrypted",),
    "aws_efs_file_system": ("encrypted",),
    "aws_dynamodb_table": (),
    "aws_backup_vault": (),
}


class MutatingCallRefused(RuntimeError):
    """An operation that is not a read was about to be sent: the audit refuses it before it leaves."""


def read_only_guard(calls: Counter[str]) -> Callable[..., None]:
    """A botocore `before-call` hook: counts each operation, refuses any that is not Get/List/Describe/Head."""

    lock = threading.Lock()

    def guard(model: Any, **_: Any) -> None:
        name = model.name
        if not name.startswith(READ_PREFIXES):
            raise MutatingCallRefused(f"{model.service_model.service_name}:{name} is not a read call; "
                                      "hds-policies audit only reads")
        with lock:
            calls[f"{model.service_model.service_name}:{name}"] += 1

    return guard


def read_only_session(profile: str | None, calls: Counter[str]) -> Any:
    """A boto3 session whose clients can only read (the guard is registered before any client exists)."""
    import boto3
    from botocore.exceptions import ProfileNotFound

    try:
        session = boto3.Session(profile_name=profile)
    except ProfileNotFound:
        raise DataError(f"--profile {profile}: no such profile in the AWS config files") from None
    session.events.register("before-call", read_only_guard(calls))
    return session


def _reason(exc: Exception) -> str:
    """A short reason for an API error; never the request or the credentials."""
    from botocore.exceptions import ClientError

    if isinstance(exc, ClientError):
        err = exc.response.get("Error", {})
        return f"{exc.operation_name} refused ({err.get('Code', 'error')})"
    return type(exc).__name__  # EndpointConnectionError, ReadTimeoutError, ConnectTimeoutError …


def _tags(pairs: Iterable[dict[str, Any]] | None) -> dict[str, str]:
    return {p["Key"]: p.get("Value", "") for p in pairs or () if "Key" in p}


def _dynamodb_tags(client: Any, arn: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    params: dict[str, Any] = {"ResourceArn": arn}
    while True:  # ListTagsOfResource pages with NextToken and has no paginator
        page = client.list_tags_of_resource(**params)
        out.extend(page.get("Tags", []))
        if not page.get("NextToken"):
            return out
        params["NextToken"] = page["NextToken"]


class AwsAudit:
    """One audit run: a read-only session, the account, the regions and what was read."""

    def __init__(self, profile: str | None, regions: list[str] | None, endpoint_url: str | None,
                 stream: TextIO | None):
        from botocore.config import Config

        self.calls: Counter[str] = Counter()
        self.session = read_only_session(profile, self.calls)
        self.endpoint_url = endpoint_url
        self.stream = stream
        self.problems = Problems(stream)
        # S3-compatible and test endpoints are addressed by path (no bucket sub-domains there).
        self.config = Config(retries={"max_attempts": 4, "mode": "standard"}, connect_timeout=10,
                             read_timeout=30, user_agent_extra="hds-policies-audit",
                             s3={"addressing_style": "path"} if endpoint_url else None)
        self.requested = regions
        self.home = self.session.region_name or DEFAULT_REGION
        self.account = ""
        self.resources: list[Resource] = []
        self.providers: dict[str, ProviderConfig] = {}
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()  # clients are thread-safe; creating them from a session is not

    def client(self, service: str, region: str) -> Any:
        key = (service, region)
        with self._lock:
            if key not in self._clients:
                self._clients[key] = self.session.client(service, region_name=region,
                                                         endpoint_url=self.endpoint_url, config=self.config)
            return self._clients[key]

    @staticmethod
    def each(func: Callable[[Any], Any], items: list[Any]) -> list[Any]:
        """func over items, WORKERS at a time, results in the items' order (so the report is stable)."""
        if len(items) < 2:
            return [func(i) for i in items]
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            return list(pool.map(func, items))

    # --- account and regions ------------------------------------------------------------------

    def connect(self) -> None:
        """The account id; DataError (exit 2) when nothing is reachable with these credentials."""
        from botocore.config import Config
        from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError, PartialCredentialsError

        # One retry only: an endpoint that does not answer is "nothing reachable", said at once.
        sts = self.session.client("sts", region_name=self.home, endpoint_url=self.endpoint_url,
                                  config=self.config.merge(Config(retries={"max_attempts": 2, "mode": "standard"})))
        try:
            self.account = sts.get_caller_identity()["Account"]
        except (NoCredentialsError, PartialCredentialsError):
            raise DataError("no AWS credentials found (environment, shared credentials file, --profile or "
                            "instance role)") from None
        except ClientError as exc:
            raise DataError(f"AWS refused the credentials: {_reason(exc)}") from None
        except BotoCoreError as exc:
            where = self.endpoint_url or f"STS in {self.home}"
            raise DataError(f"cannot reach AWS ({where}): {_reason(exc)}") from None

    def regions(self) -> list[str]:
        if self.requested:
            return list(dict.fromkeys(self.requested))
        answer, why = self.attempt("enabled regions", self.home, self.client("ec2", self.home).describe_regions)
        if why is not None:  # recorded; the audit goes on with the home region
            self.problems.add("enabled regions", self.home, f"{why}; audited {self.home} only")
            return [self.home]
        return sorted(r["RegionName"] for r in answer.get("Regions", []))

    def provider(self, region: str | Unknown) -> str:
        """The key of the (implicit) provider configuration of a region, as `provider "aws" { region }`."""
        key = f"aws.{region}" if isinstance(region, str) else "aws.unknown"
        if key not in self.providers:
            self.providers[key] = ProviderConfig(key=key, name="aws", provider="aws", alias=key[4:],
                                                 attrs={"region": region}, implicit=True)
        return key

    def add(self, address: str, rtype: str, name: str, region: str | Unknown, attrs: dict[str, Any],
            mode: str = "managed", refs: Iterable[str] = ()) -> Resource:
        res = Resource(address=address, type=rtype, name=name, provider="aws", provider_key=self.provider(region),
                       attrs={"region": region, **attrs}, mode=mode, refs=frozenset(refs))
        self.resources.append(res)
        return res

    def placeholder(self, rtype: str, kind: str, region: str, arn: str, reason: str) -> None:
        """Stands for every store of a kind that could not be listed: the rules judge it `unknown`."""
        self.problems.add(kind, region, reason)
        gone = not_checked(reason)
        attrs: dict[str, Any] = {a: gone for a in PLACEHOLDER_ATTRS[rtype]}
        res = self.add(arn, rtype, f"(all {kind} in {region})", gone, attrs)
        if rtype == "aws_backup_vault":  # its lock state is not known either
            self.add(f"{arn}/lock", "aws_backup_vault_lock_configuration", res.name, region,
                     {"changeable_for_days": gone}, mode="data", refs=[res.address])

    def listing(self, rtype: str, kind: str, region: str, arn: str, call: Callable[[], list[Any]]) -> list[Any]:
        """The stores a list call gives; when it fails, [] and a placeholder standing for them all."""
        found, why = self.attempt(kind, region, call)
        if why is not None:
            self.placeholder(rtype, kind, region, arn, why)
            return []
        return found

    def attempt(self, kind: str, region: str, call: Callable[[], Any]) -> tuple[Any, str | None]:
        """(answer, None), or (None, reason) on an API error (the caller records it for its kind)."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return call(), None
        except (ClientError, BotoCoreError) as exc:
            return None, _reason(exc)

    def pages(self, client: Any, operation: str, key: str, **params: Any) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for page in client.get_paginator(operation).paginate(**params):
            out.extend(page.get(key, []))
        return out

    # --- S3 (one list for the account, then the bucket's own settings) --------------------------

    def s3(self, regions: set[str]) -> None:
        client = self.client("s3", self.home)
        answer, why = self.attempt("S3 buckets", "account", lambda: self._list_buckets(client))
        if why is not None:
            self.placeholder("aws_s3_bucket", "S3 buckets", "every region", "arn:aws:s3:::*", why)
            return
        for found in self.each(lambda n: self._bucket(n, regions), answer):
            if found is not None:
                self.add(*found)

    def _list_buckets(self, client: Any) -> list[str]:
        names: list[str] = []
        params: dict[str, Any] = {}
        while True:  # ListBuckets pages with ContinuationToken when the account holds many buckets
            page = client.list_buckets(**params)
            names.extend(b["Name"] for b in page.get("Buckets", []))
            token = page.get("ContinuationToken")
            if not token:
                return names
            params = {"ContinuationToken": token}

    def _bucket(self, name: str, regions: set[str]) -> tuple[str, str, str, Any, dict[str, Any]] | None:
        """The arguments of `add` for a bucket of an audited region (read in a worker thread)."""
        arn = f"arn:aws:s3:::{name}"
        located, why = self.attempt("S3 bucket location", name,
                                    lambda: self.client("s3", self.home).get_bucket_location(Bucket=name))
        if why is not None:
            self.problems.add("S3 bucket location", name, why)
            region: str | Unknown = not_checked(why)
        else:
            raw = located.get("LocationConstraint")
            region = {None: "us-east-1", "": "us-east-1", "EU": "eu-west-1"}.get(raw, raw)
            if region not in regions:
                return None
        client = self.client("s3", region if isinstance(region, str) else self.home)
        attrs: dict[str, Any] = {"bucket": name}
        attrs.update(self._bucket_settings(client, name))
        return arn, "aws_s3_bucket", name, region, attrs

    def _bucket_settings(self, client: Any, name: str) -> dict[str, Any]:
        from botocore.exceptions import BotoCoreError, ClientError

        def read(kind: str, call: Callable[[], Any], absent: tuple[str, ...]) -> Any:
            """The answer, None when the setting is absent, or `not_checked` after an error."""
            try:
                return call()
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") in absent:
                    return None
                self.problems.add(kind, name, _reason(exc))
                return not_checked(_reason(exc))
            except BotoCoreError as exc:  # timeouts, connection errors: recorded, the audit goes on
                self.problems.add(kind, name, _reason(exc))
                return not_checked(_reason(exc))

        out: dict[str, Any] = {}
        sse = read("S3 default encryption", lambda: client.get_bucket_encryption(Bucket=name),
                   ("ServerSideEncryptionConfigurationNotFoundError",))
        if isinstance(sse, Unknown):
            out["server_side_encryption_configuration"] = sse
        elif sse:
            rules = sse.get("ServerSideEncryptionConfiguration", {}).get("Rules", [])
            out["server_side_encryption_configuration"] = [{"rule": [{
                "apply_server_side_encryption_by_default": [{
                    "sse_algorithm": r.get("ApplyServerSideEncryptionByDefault", {}).get("SSEAlgorithm"),
                    "kms_master_key_id": r.get("ApplyServerSideEncryptionByDefault", {}).get("KMSMasterKeyID"),
                }]} for r in rules if "ApplyServerSideEncryptionByDefault" in r]}]
        tags = read("S3 bucket tags", lambda: client.get_bucket_tagging(Bucket=name), ("NoSuchTagSet",))
        out["tags"] = _tags(tags.get("TagSet")) if isinstance(tags, dict) else {}
        lock = read("S3 Object Lock", lambda: client.get_object_lock_configuration(Bucket=name),
                    ("ObjectLockConfigurationNotFoundError",))
        if isinstance(lock, Unknown):
            out["object_lock_enabled"] = lock
        else:
            cfg = (lock or {}).get("ObjectLockConfiguration", {})
            out["object_lock_enabled"] = cfg.get("ObjectLockEnabled") == "Enabled"
            retention = cfg.get("Rule", {}).get("DefaultRetention")
            if retention:
                out["object_lock_configuration"] = [{"object_lock_enabled": cfg.get("ObjectLockEnabled"), "rule": [{
                    "default_retention": [{"mode": retention.get("Mode"), "days": retention.get("Days"),
                                           "years": retention.get("Years")}]}]}]
        policy = read("S3 bucket policy", lambda: client.get_bucket_policy(Bucket=name), ("NoSuchBucketPolicy",))
        if isinstance(policy, Unknown):
            out["policy"] = policy
        elif policy:
            out["policy"] = policy.get("Policy")
        return out

    # --- RDS ------------------------------------------------------------------------------------

    def rds(self, region: str) -> str:
        client = self.client("rds", region)
        dbs = self.listing("aws_db_instance", "RDS DB instances", region,
                           f"arn:aws:rds:{region}:{self.account}:db:*",
                           lambda: self.pages(client, "describe_db_instances", "DBInstances"))
        for db in dbs:
            if db.get("DBClusterIdentifier"):
                continue  # a cluster member: storage and TLS are the cluster's (judged below)
            groups = [g["DBParameterGroupName"] for g in db.get("DBParameterGroups", [])]
            refs = self._parameter_group(client, region, "pg", groups[0] if groups else None)
            self.add(db["DBInstanceArn"], "aws_db_instance", db["DBInstanceIdentifier"], region, {
                "identifier": db["DBInstanceIdentifier"], "engine": db.get("Engine"),
                "engine_version": db.get("EngineVersion"), "storage_encrypted": bool(db.get("StorageEncrypted")),
                "kms_key_id": db.get("KmsKeyId"), "parameter_group_name": groups[0] if groups else None,
                "tags": _tags(db.get("TagList"))}, refs=refs)
        clusters = self.listing("aws_rds_cluster", "RDS DB clusters", region,
                                f"arn:aws:rds:{region}:{self.account}:cluster:*",
                                lambda: self.pages(client, "describe_db_clusters", "DBClusters"))
        for c in clusters:
            group = c.get("DBClusterParameterGroup")
            refs = self._parameter_group(client, region, "cluster-pg", group)
            self.add(c["DBClusterArn"], "aws_rds_cluster", c["DBClusterIdentifier"], region, {
                "cluster_identifier": c["DBClusterIdentifier"], "engine": c.get("Engine"),
                "engine_version": c.get("EngineVersion"), "storage_encrypted": bool(c.get("StorageEncrypted")),
                "kms_key_id": c.get("KmsKeyId"), "db_cluster_parameter_group_name": group,
                "tags": _tags(c.get("TagList"))}, refs=refs)
        return f"{len(dbs)} DB instance(s), {len(clusters)} DB cluster(s)"

    def _parameter_group(self, client: Any, region: str, kind: str, name: str | None) -> list[str]:
        """The address of a custom parameter group read with its user-set parameters ([] for a default
        group, whose values the rules know, or when it cannot be read: then the rule says unknown)."""
        if not name or name.startswith("default."):
            return []
        address = f"arn:aws:rds:{region}:{self.account}:{kind}:{name}"
        if any(r.address == address for r in self.resources):
            return [address]
        if kind == "pg":
            rtype, call = "aws_db_parameter_group", lambda: self.pages(
                client, "describe_db_parameters", "Parameters", DBParameterGroupName=name, Source="user")
        else:
            rtype, call = "aws_rds_cluster_parameter_group", lambda: self.pages(
                client, "describe_db_cluster_parameters", "Parameters", DBClusterParameterGroupName=name,
                Source="user")
        params, why = self.attempt("RDS parameter groups", region, call)
        if why is not None:
            self.problems.add("RDS parameter groups", f"{region}:{name}", why)
            return []
        self.add(address, rtype, name, region, {"name": name, "parameter": [
            {"name": p["ParameterName"], "value": p.get("ParameterValue")} for p in params]}, mode="data")
        return [address]

    # --- EC2 (EBS), EFS, DynamoDB, AWS Backup ---------------------------------------------------

    def ebs(self, region: str) -> str:
        client = self.client("ec2", region)
        default, why = self.attempt("EBS encryption by default", region, client.get_ebs_encryption_by_default)
        if why is not None:
            self.problems.add("EBS encryption by default", region, why)
        volumes = self.listing("aws_ebs_volume", "EBS volumes", region,
                               f"arn:aws:ec2:{region}:{self.account}:volume/*",
                               lambda: self.pages(client, "describe_volumes", "Volumes"))
        for v in volumes:
            tags = _tags(v.get("Tags"))
            self.add(f"arn:aws:ec2:{region}:{self.account}:volume/{v['VolumeId']}", "aws_ebs_volume",
                     tags.get("Name") or v["VolumeId"], region, {
                         "availability_zone": v.get("AvailabilityZone"), "encrypted": bool(v.get("Encrypted")),
                         "kms_key_id": v.get("KmsKeyId"), "tags": tags})
        # Each existing volume is judged by its own Encrypted flag; the default only governs new volumes.
        on = "unknown" if default is None else ("on" if default.get("EbsEncryptionByDefault") else "off")
        return f"{len(volumes)} EBS volume(s) (encryption by default {on})"

    def efs(self, region: str) -> str:
        client = self.client("efs", region)
        systems = self.listing("aws_efs_file_system", "EFS file systems", region,
                               f"arn:aws:elasticfilesystem:{region}:{self.account}:file-system/*",
                               lambda: self.pages(client, "describe_file_systems", "FileSystems"))
        for fs in systems:
            arn = fs.get("FileSystemArn") or \
                f"arn:aws:elasticfilesystem:{region}:{self.account}:file-system/{fs['FileSystemId']}"
            self.add(arn, "aws_efs_file_system", fs.get("Name") or fs["FileSystemId"], region, {
                "encrypted": bool(fs.get("Encrypted")), "kms_key_id": fs.get("KmsKeyId"),
                "tags": _tags(fs.get("Tags"))})
        return f"{len(systems)} EFS file system(s)"

    def dynamodb(self, region: str) -> str:
        client = self.client("dynamodb", region)
        names = self.listing("aws_dynamodb_table", "DynamoDB tables", region,
                             f"arn:aws:dynamodb:{region}:{self.account}:table/*",
                             lambda: self.pages(client, "list_tables", "TableNames"))
        # No list call carries encryption and replicas: one DescribeTable (and its tags) per table.
        for found in self.each(lambda n: self._table(client, region, n), names):
            self.add(*found)
        return f"{len(names)} DynamoDB table(s)"

    def _table(self, client: Any, region: str, name: str) -> tuple[str, str, str, Any, dict[str, Any]]:
        """The arguments of `add` for one table (read in a worker thread)."""
        arn = f"arn:aws:dynamodb:{region}:{self.account}:table/{name}"
        table, why = self.attempt("DynamoDB tables", region, lambda: client.describe_table(TableName=name))
        if why is not None:
            self.problems.add("DynamoDB tables", f"{region}:{name}", why)
            return arn, "aws_dynamodb_table", name, not_checked(why), {}
        t = table["Table"]
        attrs: dict[str, Any] = {"name": name}
        sse = t.get("SSEDescription")
        if sse:  # absent: encrypted with an AWS-owned key (the catalog's default)
            attrs["server_side_encryption"] = [{"enabled": sse.get("Status") in ("ENABLED", "ENABLING", "UPDATING"),
                                                "kms_key_arn": sse.get("KMSMasterKeyArn")}]
        if t.get("Replicas"):
            attrs["replica"] = [{"region_name": r.get("RegionName")} for r in t["Replicas"]]
        arn = t.get("TableArn", arn)
        tags, why = self.attempt("DynamoDB tags", region, lambda: _dynamodb_tags(client, arn))
        if why is not None:
            self.problems.add("DynamoDB tags", f"{region}:{name}", why)
        attrs["tags"] = _tags(tags)
        return arn, "aws_dynamodb_table", name, region, attrs

    def backup(self, region: str) -> str:
        client = self.client("backup", region)
        vaults = self.listing("aws_backup_vault", "AWS Backup vaults", region,
                              f"arn:aws:backup:{region}:{self.account}:backup-vault:*",
                              lambda: self.pages(client, "list_backup_vaults", "BackupVaultList"))
        now = _dt.datetime.now(_dt.timezone.utc)
        for v in vaults:
            vault = self.add(v["BackupVaultArn"], "aws_backup_vault", v["BackupVaultName"], region, {
                "name": v["BackupVaultName"], "kms_key_arn": v.get("EncryptionKeyArn")})
            if v.get("MinRetentionDays") is None and not v.get("Locked"):
                continue  # no vault lock: the rule fails the vault
            lock_date = v.get("LockDate")
            # Compliance mode has a lock date (after it, nobody can change the lock); governance has none.
            days = None if lock_date is None else max(0, (lock_date - now).days)
            self.add(f"{vault.address}/lock", "aws_backup_vault_lock_configuration", vault.name, region, {
                "backup_vault_name": vault.name, "min_retention_days": v.get("MinRetentionDays"),
                "max_retention_days": v.get("MaxRetentionDays"), "changeable_for_days": days},
                mode="data", refs=[vault.address])
        return f"{len(vaults)} Backup vault(s)"

    # --- the run --------------------------------------------------------------------------------

    def run(self) -> AuditResult:
        self.connect()
        regions = self.regions()
        progress(self.stream, f"AWS account {self.account}: {len(regions)} region(s)")
        self.s3(set(regions))
        buckets = sum(1 for r in self.resources if r.type == "aws_s3_bucket")
        progress(self.stream, f"S3: {buckets} bucket(s) in the audited regions")
        for region in regions:
            shown = [kind(region) for kind in (self.rds, self.ebs, self.efs, self.dynamodb, self.backup)]
            progress(self.stream, f"{region}: {', '.join(shown)}")
        graph = Graph(self.resources, self.providers, source=f"aws account {self.account}")
        return AuditResult(graph, self.problems, self.calls)


def audit_aws(profile: str | None = None, regions: list[str] | None = None, endpoint_url: str | None = None,
              stream: TextIO | None = None) -> AuditResult:
    """Read the account (read calls only) into a graph for the engine."""
    return AwsAudit(profile, regions, endpoint_url, stream).run()


def policy_document() -> str:
    """The IAM policy the audit needs (what README shows)."""
    actions = sorted({
        "sts:GetCallerIdentity", "ec2:DescribeRegions", "s3:ListAllMyBuckets", "s3:GetBucketLocation",
        "s3:GetEncryptionConfiguration", "s3:GetBucketTagging", "s3:GetBucketObjectLockConfiguration",
        "s3:GetBucketPolicy", "rds:DescribeDBInstances", "rds:DescribeDBClusters", "rds:DescribeDBParameters",
        "rds:DescribeDBClusterParameters", "ec2:GetEbsEncryptionByDefault", "ec2:DescribeVolumes",
        "elasticfilesystem:DescribeFileSystems", "dynamodb:ListTables", "dynamodb:DescribeTable",
        "dynamodb:ListTagsOfResource", "backup:ListBackupVaults"})
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": actions, "Resource": "*"}]}, indent=2)
