# DriftGuard watch mode: CloudTrail management events -> EventBridge rule -> SQS queue (+ DLQ) -> `driftguard watch`,
# and a least-privilege role GitHub Actions assumes through OIDC. Apply once per region that holds security groups
# (EventBridge rules are regional); set create_global = false in every region but one (trail, OIDC provider, role).

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  account = data.aws_caller_identity.current.account_id
  region  = data.aws_region.current.name
  # The calls the EventBridge rule selects: the same list as DriftGuard.Core.Watch.WatchedEvents.Names.
  watched_event_names = [
    "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
    "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress",
    "ModifySecurityGroupRules",
    "UpdateSecurityGroupRuleDescriptionsIngress", "UpdateSecurityGroupRuleDescriptionsEgress",
    "CreateSecurityGroup", "DeleteSecurityGroup",
  ]
}

# --- CloudTrail: management events (write only). Skip with create_trail = false when an organization trail exists:
# EventBridge receives management events from any trail in the account, including an organization trail.
resource "aws_s3_bucket" "trail" {
  count         = var.create_global && var.create_trail ? 1 : 0
  bucket_prefix = "${var.name}-trail-"
  force_destroy = false
}

resource "aws_s3_bucket_public_access_block" "trail" {
  count                   = var.create_global && var.create_trail ? 1 : 0
  bucket                  = aws_s3_bucket.trail[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "trail" {
  count  = var.create_global && var.create_trail ? 1 : 0
  bucket = aws_s3_bucket.trail[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "CloudTrailAclCheck"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:GetBucketAcl"
        Resource  = aws_s3_bucket.trail[0].arn
        Condition = { StringEquals = { "aws:SourceArn" = "arn:${data.aws_partition.current.partition}:cloudtrail:${local.region}:${local.account}:trail/${var.name}" } }
      },
      {
        Sid       = "CloudTrailWrite"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.trail[0].arn}/AWSLogs/${local.account}/*"
        Condition = {
          StringEquals = {
            "s3:x-amz-acl"  = "bucket-owner-full-control"
            "aws:SourceArn" = "arn:${data.aws_partition.current.partition}:cloudtrail:${local.region}:${local.account}:trail/${var.name}"
          }
        }
      },
    ]
  })
}

resource "aws_cloudtrail" "management" {
  count                         = var.create_global && var.create_trail ? 1 : 0
  name                          = var.name
  s3_bucket_name                = aws_s3_bucket.trail[0].id
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true

  event_selector {
    read_write_type           = "WriteOnly"
    include_management_events = true
  }

  depends_on = [aws_s3_bucket_policy.trail]
}

# --- SQS: the event queue and its dead-letter queue (a message failing maxReceiveCount times lands there).
resource "aws_sqs_queue" "events_dlq" {
  name                      = "${var.name}-events-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "events" {
  name                       = "${var.name}-events"
  visibility_timeout_seconds = 60
  receive_wait_time_seconds  = 20
  message_retention_seconds  = 345600
  sqs_managed_sse_enabled    = true
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.events_dlq.arn
    maxReceiveCount     = var.max_receive_count
  })
}

# --- EventBridge: the rule selecting security-group calls, delivering to the queue.
resource "aws_cloudwatch_event_rule" "security_group_changes" {
  name        = "${var.name}-security-group-changes"
  description = "CloudTrail security-group API calls for DriftGuard watch"
  event_pattern = jsonencode({
    source        = ["aws.ec2"]
    "detail-type" = ["AWS API Call via CloudTrail"]
    detail = {
      eventSource = ["ec2.amazonaws.com"]
      eventName   = local.watched_event_names
    }
  })
}

resource "aws_cloudwatch_event_target" "queue" {
  rule      = aws_cloudwatch_event_rule.security_group_changes.name
  target_id = "driftguard-queue"
  arn       = aws_sqs_queue.events.arn
}

resource "aws_sqs_queue_policy" "events" {
  queue_url = aws_sqs_queue.events.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "EventBridgeSendsSecurityGroupEvents"
        Effect    = "Allow"
        Principal = { Service = "events.amazonaws.com" }
        Action    = "sqs:SendMessage"
        Resource  = aws_sqs_queue.events.arn
        Condition = { ArnEquals = { "aws:SourceArn" = aws_cloudwatch_event_rule.security_group_changes.arn } }
      },
    ]
  })
}

# --- GitHub OIDC and the DriftGuard role.
resource "aws_iam_openid_connect_provider" "github" {
  count           = var.create_global && var.create_oidc_provider ? 1 : 0
  url             = "https://token.actions.githubusercontent.com"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
}

resource "aws_iam_role" "driftguard" {
  count                = var.create_global ? 1 : 0
  name                 = var.name
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Federated = var.create_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : "arn:${data.aws_partition.current.partition}:iam::${local.account}:oidc-provider/token.actions.githubusercontent.com" }
        Action    = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
            "token.actions.githubusercontent.com:sub" = "repo:${var.github_repository}:ref:refs/heads/main"
          }
        }
      },
    ]
  })
}

# Exactly DriftGuard.Aws.Watch.DriftGuardIamActions.All (a test keeps them equal).
resource "aws_iam_role_policy" "driftguard" {
  count = var.create_global ? 1 : 0
  name  = "driftguard-least-privilege"
  role  = aws_iam_role.driftguard[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadSecurityGroups"
        Effect   = "Allow"
        Action   = ["ec2:DescribeRegions", "ec2:DescribeSecurityGroupRules", "ec2:DescribeSecurityGroups"]
        Resource = "*"
      },
      {
        Sid    = "RevertSecurityGroupRules"
        Effect = "Allow"
        Action = [
          "ec2:AuthorizeSecurityGroupEgress", "ec2:AuthorizeSecurityGroupIngress",
          "ec2:RevokeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress",
          "ec2:UpdateSecurityGroupRuleDescriptionsEgress", "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
        ]
        Resource = "arn:${data.aws_partition.current.partition}:ec2:*:${local.account}:security-group/*"
      },
      {
        Sid      = "ReadTerraformStateWriteLedger"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject"]
        Resource = "arn:${data.aws_partition.current.partition}:s3:::${var.state_bucket}/*"
      },
      {
        Sid      = "AttributeChanges"
        Effect   = "Allow"
        Action   = ["cloudtrail:LookupEvents", "sts:GetCallerIdentity"]
        Resource = "*"
      },
      {
        Sid      = "AssumeAccountRoles"
        Effect   = "Allow"
        Action   = ["sts:AssumeRole"]
        Resource = var.target_role_arns
      },
      {
        Sid      = "ConsumeEvents"
        Effect   = "Allow"
        Action   = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:ReceiveMessage"]
        Resource = "arn:${data.aws_partition.current.partition}:sqs:*:${local.account}:${var.name}-events"
      },
    ]
  })
}
