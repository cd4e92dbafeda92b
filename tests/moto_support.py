"""moto in server mode on the loopback (ThreadedMotoServer) and the AWS account the audit tests read.

Shared by tests/test_audit_aws.py and bench/audit_bench.py. Seeding uses plain boto3 clients (the
audit's own session could not: it refuses every write).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

ACCOUNT = "123456789012"  # moto's default account
ENV = {
    "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",  # never look for an instance role off the loopback
    "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
}


@contextmanager
def moto_server() -> Iterator[str]:
    """A fresh moto server on 127.0.0.1 (a free port); yields its URL."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no request log on stderr
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def client(url: str, service: str, region: str, **keys: str) -> Any:
    import boto3

    return boto3.client(service, region_name=region, endpoint_url=url, **keys)


def tls_only_policy(bucket: str) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "TLSOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})


def bucket(url: str, region: str, name: str, *, tls: bool = False, kms: bool = False, backup: bool = False,
           lock_mode: str | None = None) -> None:
    s3 = client(url, "s3", region)
    extra: dict[str, Any] = {} if region == "us-east-1" else {
        "CreateBucketConfiguration": {"LocationConstraint": region}}
    s3.create_bucket(Bucket=name, ObjectLockEnabledForBucket=lock_mode is not None, **extra)
    if kms:
        s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": [{
            "ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "alias/hds"}}]})
    if tls:
        s3.put_bucket_policy(Bucket=name, Policy=tls_only_policy(name))
    if backup:
        s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": [{"Key": "hds-role", "Value": "backup"}]})
    if lock_mode:
        s3.put_object_lock_configuration(Bucket=name, ObjectLockConfiguration={
            "ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": lock_mode, "Days": 30}}})


def db_instance(url: str, region: str, name: str, *, encrypted: bool, version: str,
                parameter_group: str | None = None) -> None:
    extra = {"DBParameterGroupName": parameter_group} if parameter_group else {}
    client(url, "rds", region).create_db_instance(
        DBInstanceIdentifier=name, Engine="postgres", EngineVersion=version, DBInstanceClass="db.t3.micro",
        AllocatedStorage=20, StorageEncrypted=encrypted, MasterUsername="admin_user",
        MasterUserPassword="not-a-real-password", **extra)


def seed_account(url: str) -> None:
    """The account of tests/test_audit_aws.py: compliant and non-compliant stores in three audited regions
    (eu-west-3, eu-central-1, us-east-1) and one region left out of the audit (us-west-2)."""
    paris, frankfurt, virginia = "eu-west-3", "eu-central-1", "us-east-1"
    bucket(url, paris, "hds-records", tls=True, kms=True)
    bucket(url, paris, "hds-backups", tls=True, backup=True, lock_mode="COMPLIANCE")
    bucket(url, frankfurt, "hds-backups-gov", tls=True, backup=True, lock_mode="GOVERNANCE")
    bucket(url, virginia, "us-logs")
    bucket(url, "us-west-2", "oregon-not-audited")

    rds = client(url, "rds", paris)
    rds.create_db_parameter_group(DBParameterGroupName="pg14-tls", DBParameterGroupFamily="postgres14",
                                  Description="force TLS")
    rds.modify_db_parameter_group(DBParameterGroupName="pg14-tls", Parameters=[{
        "ParameterName": "rds.force_ssl", "ParameterValue": "1", "ApplyMethod": "immediate"}])
    db_instance(url, paris, "patients", encrypted=True, version="14.7", parameter_group="pg14-tls")
    db_instance(url, paris, "legacy", encrypted=False, version="14.7")
    db_instance(url, paris, "modern", encrypted=True, version="16.1")

    ec2 = client(url, "ec2", paris)
    ec2.create_volume(AvailabilityZone="eu-west-3a", Size=8, Encrypted=True,
                      TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": "enc"}]}])
    ec2.create_volume(AvailabilityZone="eu-west-3a", Size=8, Encrypted=False,
                      TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": "plain"}]}])
    client(url, "ec2", virginia).create_volume(AvailabilityZone="us-east-1a", Size=8, Encrypted=True,
                                               TagSpecifications=[{"ResourceType": "volume", "Tags": [
                                                   {"Key": "Name", "Value": "virginia"}]}])

    client(url, "efs", paris).create_file_system(CreationToken="shared", Encrypted=True,
                                                 Tags=[{"Key": "Name", "Value": "shared"}])
    client(url, "efs", frankfurt).create_file_system(CreationToken="scratch", Encrypted=False,
                                                     Tags=[{"Key": "Name", "Value": "scratch"}])

    for region, table in ((paris, "records"), (virginia, "us-sessions")):
        client(url, "dynamodb", region).create_table(
            TableName=table, KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")

    backup = client(url, "backup", paris)
    for vault in ("vault-compliance", "vault-governance", "vault-open"):
        backup.create_backup_vault(BackupVaultName=vault)
    backup.put_backup_vault_lock_configuration(BackupVaultName="vault-compliance", MinRetentionDays=7,
                                               ChangeableForDays=3)
    backup.put_backup_vault_lock_configuration(BackupVaultName="vault-governance", MinRetentionDays=7)
