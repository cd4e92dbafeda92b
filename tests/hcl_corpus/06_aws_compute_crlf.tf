# This file uses CRLF (Windows) line endings on purpose.
// hcl2 rejects heredocs under CRLF, so user data comes from templatefile().

data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]

  filter {
    name   = "name"
    values = ["al2023-ami-2023.*-x86_64"]
  }
}

resource "aws_launch_template" "app" {
  name_prefix   = "${local.name_prefix}-lt-"
  image_id      = data.aws_ami.al2023.id
  instance_type = local.is_prod ? "m6i.large" : "t3.small"
  user_data = base64encode(templatefile("${path.module}/templates/user_data.sh.tftpl", {
    environment = var.environment
    bucket      = aws_s3_bucket.data.bucket
    log_level   = local.is_prod ? "warn" : "debug"
    ports       = [for r in var.ingress_rules : r.port]
  }))

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size           = local.is_prod ? 100 : 30
      volume_type           = "gp3"
      encrypted             = true
      kms_key_id            = aws_kms_key.data.arn
      delete_on_termination = true
    }
  }

  /* Two tag specifications: one per resource type. */
  tag_specifications {
    resource_type = "instance"
    tags          = merge(var.common_tags, { Name = "${local.name_prefix}-app" })
  }
  tag_specifications {
    resource_type = "volume"
    tags          = var.common_tags
  }
}

resource "aws_instance" "bastion" {
  count                  = var.enable_bastion ? 1 : 0
  ami                    = data.aws_ami.al2023.id
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.public["eu-west-3a"].id
  vpc_security_group_ids = [aws_security_group.app.id]
  monitoring             = true
  ebs_optimized          = true

  root_block_device {
    encrypted   = true
    volume_size = 8
  }

  metadata_options {
    http_tokens = "required"
  }

  tags = {
    Name = "bastion-${count.index}"
    Role = "bastion" # jump host
  }

  lifecycle {
    ignore_changes = [
      ami,          // rotated by patching pipeline
      tags["LastPatched"],
    ]
  }
}

resource "aws_autoscaling_group" "app" {
  name                = "${local.name_prefix}-asg"
  min_size            = var.scale.min
  max_size            = var.scale.enabled ? var.scale.max : var.scale.min
  desired_capacity    = floor(var.scale.max * 0.5)
  vpc_zone_identifier = aws_subnet.private[*].id
  health_check_type   = "ELB"

  launch_template {
    id      = aws_launch_template.app.id
    version = "$Latest"
  }

  dynamic "tag" {
    for_each = merge(var.common_tags, { Name = "${local.name_prefix}-app" })
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }

  instance_refresh {
    strategy = "Rolling"
    preferences {
      min_healthy_percentage = 90
      checkpoint_percentages = [25, 50, 100]
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "cpu" {
  alarm_name          = "${local.name_prefix}-cpu-high"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  evaluation_periods  = 2
  metric_name         = "CPUUtilization"
  namespace           = "AWS/EC2"
  period              = 120
  statistic           = "Average"
  threshold           = var.cpu_threshold * 100
  alarm_actions       = var.alarm_topic_arn != null ? [var.alarm_topic_arn] : []
  dimensions = {
    AutoScalingGroupName = aws_autoscaling_group.app.name
  }
}
