"""Resource types added through the evidence shapes: EC2 disks, DAX, MemoryDB, Redshift, classic ELB,
Oracle on RDS, App Service v3 and slots, API Management, CDN, Event Hubs, Service Bus and
azapi_resource. Exact (rule, address, status) sets, passes included, as of 2026-11-22."""

from __future__ import annotations

from provider_cases import make_settings, one, scan, triples

ENC_TLS = ("HDS_ENC_001", "HDS_TLS_001", "HDS_TLS_002", "HDS_TLS_003", "HDS_LOC_003")


def test_ec2_instances_launch_configurations_and_templates_every_block_device():
    findings = scan("aws_compute_disks", include_passed=True)
    assert triples(findings, "HDS_ENC_001") == {
        ("HDS_ENC_001", "aws_instance.encrypted", "passed"),
        ("HDS_ENC_001", "aws_instance.frankfurt_from_ami", "passed"),  # aws_ebs_encryption_by_default there
        ("HDS_ENC_001", "aws_instance.from_ami", "unknown"),  # no block device: the AMI decides
        ("HDS_ENC_001", "aws_instance.from_snapshot", "unknown"),  # the snapshot decides
        ("HDS_ENC_001", "aws_instance.plain_data_disk", "failed"),  # one of two devices unencrypted
        ("HDS_ENC_001", "aws_instance.root_unset", "failed"),  # encrypted defaults to false
        ("HDS_ENC_001", "aws_instance.var_encrypted", "unknown"),
        ("HDS_ENC_001", "aws_launch_configuration.encrypted", "passed"),
        ("HDS_ENC_001", "aws_launch_configuration.plain", "failed"),
        ("HDS_ENC_001", "aws_launch_template.encrypted", "passed"),  # "true" as a string
        ("HDS_ENC_001", "aws_launch_template.from_ami", "unknown"),
        ("HDS_ENC_001", "aws_launch_template.plain", "failed"),
        ("HDS_ENC_001", "aws_cloudwatch_log_group.app", "passed"),  # CloudWatch Logs always encrypts
        ("HDS_ENC_001", "aws_ebs_encryption_by_default.frankfurt", "passed"),  # the setting itself: enabled
    }
    assert "ebs_block_device is not encrypted (encrypted = false)" in \
        one(findings, "HDS_ENC_001", "aws_instance.plain_data_disk").message
    assert "var.encrypt_disks" in one(findings, "HDS_ENC_001", "aws_instance.var_encrypted").message
    assert one(findings, "HDS_ENC_001", "aws_instance.from_snapshot").message == (
        "EC2 instance from_snapshot: ebs_block_device is made from snapshot_id snap-0123456789abcdef0: "
        "encrypted follows it")


def test_log_groups_and_autoscaling_groups_are_located():
    findings = scan("aws_compute_disks", include_passed=True)
    assert ("HDS_LOC_001", "aws_cloudwatch_log_group.app", "passed") in triples(findings)
    assert ("HDS_LOC_001", "aws_autoscaling_group.web", "passed") in triples(findings)
    assert "Germany" in one(findings, "HDS_LOC_001", "aws_cloudwatch_log_group.app").message


def test_ec2_customer_managed_keys_per_block_device():
    findings = scan("aws_compute_disks", make_settings(require_customer_managed_keys=True),
                    include_passed=True)
    assert triples(findings, "HDS_ENC_002") == {
        ("HDS_ENC_002", "aws_instance.from_ami", "unknown"),
        ("HDS_ENC_002", "aws_instance.from_snapshot", "failed"),
        ("HDS_ENC_002", "aws_instance.frankfurt_from_ami", "unknown"),
        ("HDS_ENC_002", "aws_instance.plain_data_disk", "failed"),
        ("HDS_ENC_002", "aws_instance.root_unset", "failed"),
        ("HDS_ENC_002", "aws_instance.var_encrypted", "failed"),
        ("HDS_ENC_002", "aws_instance.encrypted", "failed"),  # the root device names no key
        ("HDS_ENC_002", "aws_launch_configuration.encrypted", "failed"),
        ("HDS_ENC_002", "aws_launch_configuration.plain", "failed"),
        ("HDS_ENC_002", "aws_launch_template.from_ami", "unknown"),
        ("HDS_ENC_002", "aws_launch_template.plain", "failed"),
        ("HDS_ENC_002", "aws_launch_template.encrypted", "passed"),  # kms_key_id: a key made here
        ("HDS_ENC_002", "aws_cloudwatch_log_group.app", "failed"),
    }


def test_dax_memorydb_redshift_classic_elb_and_oracle():
    findings = scan("aws_breadth_transit", include_passed=True)
    assert triples(findings, *ENC_TLS) == {
        ("HDS_ENC_001", "aws_dax_cluster.defaults", "failed"),
        ("HDS_ENC_001", "aws_dax_cluster.secure", "passed"),
        ("HDS_ENC_001", "aws_db_instance.oracle_default", "passed"),
        ("HDS_ENC_001", "aws_db_instance.oracle_elsewhere", "passed"),
        ("HDS_ENC_001", "aws_db_instance.oracle_plain", "passed"),
        ("HDS_ENC_001", "aws_db_instance.oracle_ssl", "passed"),
        ("HDS_ENC_001", "aws_memorydb_cluster.defaults", "passed"),  # always encrypted at rest
        ("HDS_ENC_001", "aws_memorydb_cluster.plain", "passed"),
        ("HDS_ENC_001", "aws_redshift_cluster.default_group", "passed"),
        ("HDS_ENC_001", "aws_redshift_cluster.shared_group", "passed"),
        ("HDS_ENC_001", "aws_redshift_cluster.with_ssl", "passed"),
        ("HDS_ENC_001", "aws_redshift_cluster.encryption_unset", "unknown"),  # default moved in provider 6
        ("HDS_ENC_001", "aws_redshift_cluster.unencrypted", "failed"),
        ("HDS_TLS_001", "aws_dax_cluster.defaults", "failed"),  # cluster_endpoint_encryption_type NONE
        ("HDS_TLS_001", "aws_dax_cluster.secure", "passed"),
        ("HDS_TLS_001", "aws_elb.https", "passed"),
        ("HDS_TLS_001", "aws_elb.mixed", "failed"),  # one HTTP listener
        ("HDS_TLS_001", "aws_elb.tcp", "unknown"),
        ("HDS_TLS_001", "aws_memorydb_cluster.defaults", "passed"),  # tls_enabled defaults to true
        ("HDS_TLS_001", "aws_memorydb_cluster.plain", "failed"),
        ("HDS_TLS_002", "aws_load_balancer_policy.modern", "passed"),
        ("HDS_TLS_002", "aws_load_balancer_policy.old_reference", "failed"),
        ("HDS_TLS_002", "aws_load_balancer_policy.tls10_on", "failed"),
        ("HDS_TLS_003", "aws_db_instance.oracle_default", "failed"),
        ("HDS_TLS_003", "aws_db_instance.oracle_elsewhere", "unknown"),
        ("HDS_TLS_003", "aws_db_instance.oracle_plain", "failed"),
        ("HDS_TLS_003", "aws_db_instance.oracle_ssl", "passed"),
        ("HDS_TLS_003", "aws_redshift_cluster.default_group", "failed"),
        ("HDS_TLS_003", "aws_redshift_cluster.shared_group", "unknown"),
        ("HDS_TLS_003", "aws_redshift_cluster.with_ssl", "passed"),
        ("HDS_TLS_003", "aws_redshift_cluster.encryption_unset", "passed"),
        ("HDS_TLS_003", "aws_redshift_cluster.unencrypted", "passed"),
        ("HDS_TLS_003", "aws_redshift_parameter_group.nossl", "failed"),
        ("HDS_TLS_003", "aws_redshift_parameter_group.ssl", "passed"),
    }
    assert "provider 6.0" in one(findings, "HDS_ENC_001", "aws_redshift_cluster.encryption_unset").message
    assert one(findings, "HDS_TLS_003", "aws_redshift_cluster.with_ssl").message == \
        "Redshift cluster with_ssl's parameter group ssl: require_ssl = true"


def test_app_service_api_management_cdn_and_messaging():
    findings = scan("azure_app_platform", include_passed=True)
    assert triples(findings, *ENC_TLS) == {
        ("HDS_TLS_001", "azurerm_api_management_backend.https", "passed"),
        ("HDS_TLS_001", "azurerm_api_management_backend.plain", "failed"),
        ("HDS_TLS_001", "azurerm_app_service.legacy_http", "failed"),  # https_only defaults to false
        ("HDS_TLS_001", "azurerm_app_service.legacy_ok", "passed"),
        ("HDS_TLS_001", "azurerm_cdn_endpoint.default_http", "failed"),  # is_http_allowed defaults to true
        ("HDS_TLS_001", "azurerm_cdn_endpoint.https_only", "passed"),
        ("HDS_TLS_001", "azurerm_function_app.legacy_fn", "failed"),  # ftps_state AllAllowed
        ("HDS_TLS_001", "azurerm_linux_web_app_slot.staging", "passed"),
        ("HDS_TLS_001", "azurerm_windows_function_app_slot.blue", "failed"),
        ("HDS_TLS_002", "azurerm_api_management.modern", "passed"),
        ("HDS_TLS_002", "azurerm_api_management.tls10", "failed"),
        ("HDS_TLS_002", "azurerm_app_service.legacy_http", "failed"),
        ("HDS_TLS_002", "azurerm_app_service.legacy_ok", "passed"),
        ("HDS_TLS_002", "azurerm_cdn_endpoint_custom_domain.old", "failed"),
        ("HDS_TLS_002", "azurerm_eventhub_namespace.tls11", "failed"),
        ("HDS_TLS_002", "azurerm_function_app.legacy_fn", "passed"),
        ("HDS_TLS_002", "azurerm_linux_web_app_slot.staging", "failed"),  # scm_minimum_tls_version 1.1
        ("HDS_TLS_002", "azurerm_servicebus_namespace.defaults", "passed"),
        ("HDS_TLS_002", "azurerm_windows_function_app_slot.blue", "passed"),
    }
    # slots run where their app runs: no location verdict of their own
    assert not triples(findings, "HDS_LOC_001") & {
        ("HDS_LOC_001", "azurerm_linux_web_app_slot.staging", "unknown"),
        ("HDS_LOC_001", "azurerm_windows_function_app_slot.blue", "unknown"),
    }


def test_azapi_resources_as_azure_verified_modules_create_them():
    findings = scan("azapi_storage", include_passed=True)
    assert triples(findings, *ENC_TLS) == {
        ("HDS_ENC_001", "azapi_resource.good_storage", "passed"),
        ("HDS_ENC_001", "azapi_resource.paired_storage", "passed"),
        ("HDS_ENC_001", "azapi_resource.weak_storage", "passed"),
        ("HDS_ENC_001", "azapi_resource.sql", "passed"),  # Azure SQL: TDE on by default (azapi row since issue 14)
        ("HDS_LOC_003", "azapi_resource.paired_storage", "passed"),  # RAGRS: westeurope -> northeurope
        ("HDS_LOC_003", "azapi_resource.weak_storage", "passed"),  # GRS: francecentral -> francesouth
        ("HDS_TLS_001", "azapi_resource.good_storage", "passed"),  # jsonencode body (azapi 1.x)
        ("HDS_TLS_001", "azapi_resource.paired_storage", "passed"),
        ("HDS_TLS_001", "azapi_resource.redis", "failed"),
        ("HDS_TLS_001", "azapi_resource.weak_storage", "failed"),
        ("HDS_TLS_002", "azapi_resource.good_storage", "passed"),
        ("HDS_TLS_002", "azapi_resource.paired_storage", "unknown"),
        ("HDS_TLS_002", "azapi_resource.redis", "passed"),
        ("HDS_TLS_002", "azapi_resource.sql", "failed"),
        ("HDS_TLS_002", "azapi_resource.weak_storage", "failed"),
    }
    assert "northeurope" in one(findings, "HDS_LOC_003", "azapi_resource.paired_storage").message
    assert one(findings, "HDS_TLS_002", "azapi_resource.weak_storage").message == \
        "Storage account weak_storage: body.properties.minimumTlsVersion = TLS1_0 admits TLS versions older than 1.2"
    # a type no row names (a virtual network) gets no encryption verdict
    assert not [f for f in findings if f.resource.address == "azapi_resource.vnet" and f.rule_id in ENC_TLS]


def test_values_left_to_variables_are_unknown_in_every_shape():
    findings = scan("shapes_unknown", make_settings(require_customer_managed_keys=True))
    assert triples(findings, "HDS_TLS_001", "HDS_TLS_003", "HDS_BKP_002", "HDS_ENC_002") == {
        ("HDS_BKP_002", "ovh_cloud_project_storage.lock_from_var", "unknown"),  # object_lock
        ("HDS_ENC_002", "aws_memorydb_cluster.tls_from_var", "failed"),
        ("HDS_ENC_002", "aws_sns_topic.key_from_var", "unknown"),  # customer_key
        ("HDS_TLS_001", "aws_dax_cluster.endpoint_from_var", "unknown"),  # value
        ("HDS_TLS_001", "aws_memorydb_cluster.tls_from_var", "unknown"),  # flag
        ("HDS_TLS_001", "azurerm_linux_web_app_slot.https_from_var", "unknown"),  # all_of
        ("HDS_TLS_003", "aws_redshift_parameter_group.ssl_from_var", "unknown"),  # parameter
    }
    assert "(var.flag)" in one(findings, "HDS_TLS_001", "aws_memorydb_cluster.tls_from_var").message


def test_aws_provider_endpoints_attribute_buckets_to_the_host_that_stores_them():
    findings = scan("aws_endpoints", include_passed=True)
    buckets = {t for t in triples(findings, "HDS_LOC_001", "HDS_LOC_002", "HDS_PRV_001", "HDS_ENC_001")
               if t[1].startswith(("aws_s3_bucket.", "provider."))}
    assert buckets == {
        ("HDS_ENC_001", "aws_s3_bucket.at_aws", "passed"),  # AWS's default SSE-S3
        ("HDS_ENC_001", "aws_s3_bucket.at_minio", "unknown"),  # AWS's default does not apply elsewhere
        ("HDS_ENC_001", "aws_s3_bucket.at_ovh", "passed"),  # its own SSE configuration
        ("HDS_ENC_001", "aws_s3_bucket.at_r2", "unknown"),
        ("HDS_LOC_001", "aws_s3_bucket.at_aws", "passed"),
        ("HDS_LOC_001", "aws_s3_bucket.at_minio", "unknown"),  # endpoint not in the catalog
        ("HDS_LOC_001", "aws_s3_bucket.at_ovh", "passed"),  # OVHcloud GRA
        ("HDS_LOC_001", "aws_s3_bucket.at_r2", "unknown"),  # R2 names no region
        ("HDS_LOC_002", "provider.aws", "passed"),
        ("HDS_LOC_002", "provider.aws.minio", "passed"),
        ("HDS_LOC_002", "provider.aws.ovh", "passed"),  # "gra" read as OVHcloud's region
        ("HDS_LOC_002", "provider.aws.r2", "unknown"),  # "auto"
        ("HDS_PRV_001", "aws_s3_bucket.at_aws", "passed"),
        ("HDS_PRV_001", "aws_s3_bucket.at_minio", "unknown"),
        ("HDS_PRV_001", "aws_s3_bucket.at_ovh", "passed"),  # OVHcloud is certified
        ("HDS_PRV_001", "aws_s3_bucket.at_r2", "failed"),  # Cloudflare is not
    }
    assert "OVHcloud" in one(findings, "HDS_PRV_001", "aws_s3_bucket.at_ovh").message
    assert "GRA (France)" in one(findings, "HDS_LOC_001", "aws_s3_bucket.at_ovh").message
    assert "minio.storage.internal" in one(findings, "HDS_PRV_001", "aws_s3_bucket.at_minio").message


def test_the_inventory_names_the_endpoint_host_as_sub_processor():
    from provider_cases import HCL

    from hds_policies.inventory import inventory
    from hds_policies.terraform.hcl_loader import load_hcl

    settings = make_settings()
    inv = inventory(load_hcl(HCL / "aws_endpoints", settings.catalog), settings)
    assert {p["provider"]: p["resources"] for p in inv["providers"]} == \
        {"aws": 1, "ovh": 2, "cloudflare": 1, "unknown endpoint": 1}  # the SSE configuration too
    where = {x["address"]: (x["provider"], x["region"], x["eea"]) for x in inv["locations"]}
    assert where["aws_s3_bucket.at_ovh"] == ("ovh", "GRA", True)
    assert where["aws_s3_bucket.at_r2"][2] is None


def test_stores_encrypted_by_their_service_settings_that_turn_it_off_and_copies():
    findings = scan("managed_stores", include_passed=True)
    assert triples(findings, "HDS_ENC_001", "HDS_TLS_001") == {
        ("HDS_ENC_001", "aws_codebuild_project.plain_artifacts", "failed"),  # encryption_disabled = true
        ("HDS_ENC_001", "aws_ebs_snapshot_copy.dr", "unknown"),  # follows its source snapshot
        ("HDS_ENC_001", "aws_lambda_function.api", "passed"),  # environment always encrypted
        ("HDS_ENC_001", "aws_ssm_parameter.plain", "failed"),  # String, not SecureString
        ("HDS_ENC_001", "aws_ssm_parameter.secure", "passed"),
        ("HDS_ENC_001", "aws_workspaces_workspace.desk", "failed"),  # user volume not encrypted
        ("HDS_ENC_001", "azurerm_synapse_sql_pool.warehouse", "failed"),  # data_encrypted unset
        ("HDS_ENC_001", "google_pubsub_topic.events", "passed"),
        ("HDS_TLS_001", "aws_dms_endpoint.plain", "failed"),  # ssl_mode none by default
        ("HDS_TLS_001", "aws_dms_endpoint.tls", "passed"),
    }
    assert one(findings, "HDS_ENC_001", "aws_ssm_parameter.plain").message == \
        'SSM parameter plain is not encrypted at rest (type = "String")'
