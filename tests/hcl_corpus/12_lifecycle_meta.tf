resource "random_password" "db" {
  length           = 32
  special          = true
  override_special = "!#%&*()-_=+[]{}<>:?"
  min_numeric      = 2

  lifecycle { ignore_changes = all }
}

resource "aws_db_instance" "main" {
  identifier                 = "${local.name_prefix}-pg"
  engine                     = "postgres"
  engine_version             = "15.5"
  instance_class             = local.is_prod ? "db.r6g.large" : "db.t4g.micro"
  allocated_storage          = 50
  max_allocated_storage      = local.is_prod ? 500 : 0
  storage_encrypted          = true
  kms_key_id                 = aws_kms_key.data.arn
  username                   = var.db_user
  password                   = random_password.db.result
  multi_az                   = local.is_prod
  publicly_accessible        = false
  backup_retention_period    = local.is_prod ? 35 : 7
  deletion_protection        = true
  skip_final_snapshot        = false
  final_snapshot_identifier  = "${local.name_prefix}-final-${formatdate("YYYYMMDD", plantimestamp())}"
  iam_database_authentication_enabled = true
  performance_insights_enabled        = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]

  lifecycle {
    prevent_destroy       = true
    create_before_destroy = false
    ignore_changes = [
      password,
      engine_version,
      tags["LastBackup"],
    ]
    replace_triggered_by = [
      aws_kms_key.data.id,
      null_resource.rotation[0],
    ]

    precondition {
      condition     = var.db_user != "admin" && var.db_user != "postgres"
      error_message = "Use a non-default master username."
    }
    postcondition {
      condition     = self.storage_encrypted == true
      error_message = "Database ${self.identifier} must be encrypted."
    }
    postcondition {
      condition     = !self.publicly_accessible
      error_message = "Database must not be public."
    }
  }

  timeouts {
    create = "60m"
    delete = "2h"
  }

  depends_on = [
    aws_iam_role_policy.app,
  ]
}

resource "null_resource" "rotation" {
  count = 1
  triggers = {
    rotated_at = var.rotation_marker
    db         = aws_db_instance.main.id
  }

  provisioner "local-exec" {
    command     = "echo rotating ${self.triggers.db} > rotation.log"
    interpreter = ["/bin/bash", "-c"]
    environment = {
      DB_ID  = self.triggers.db
      REGION = var.aws_region
    }
    on_failure = continue
  }

  provisioner "local-exec" {
    when    = destroy
    command = "echo 'destroying ${self.id}'"
  }
}

resource "aws_instance" "worker" {
  for_each      = toset(var.worker_names)
  ami           = data.aws_ami.al2023.id
  instance_type = "t3.small"
  subnet_id     = aws_subnet.private[index(var.worker_names, each.key) % length(aws_subnet.private)].id

  connection {
    type        = "ssh"
    user        = "ec2-user"
    host        = self.private_ip
    private_key = file("${path.module}/keys/${each.key}.pem")
    bastion_host = one(aws_instance.bastion[*].public_ip)
  }

  provisioner "remote-exec" {
    inline = [
      "sudo dnf -y update",
      "echo \"${each.key}\" | sudo tee /etc/worker-name",
    ]
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "terraform_data" "replacement" {
  input = var.revision
  triggers_replace = [
    aws_db_instance.main.id,
    { rev = var.revision, at = null },
  ]
}

resource "aws_ebs_volume" "scratch" {
  count             = var.enable_scratch ? var.scratch_count : 0
  availability_zone = aws_subnet.private[count.index].availability_zone
  size              = 100 * (count.index + 1)
  encrypted         = true
  type              = count.index == 0 ? "gp3" : "st1"
  throughput        = count.index == 0 ? 250 : null
  lifecycle { prevent_destroy = false }
}
