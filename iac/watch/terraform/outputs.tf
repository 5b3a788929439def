output "queue_url" {
  description = "Pass to driftguard watch --queue-url."
  value       = aws_sqs_queue.events.id
}

output "dead_letter_queue_url" {
  description = "Messages that failed maxReceiveCount times."
  value       = aws_sqs_queue.events_dlq.id
}

output "rule_arn" {
  description = "The EventBridge rule; the queue policy admits only it."
  value       = aws_cloudwatch_event_rule.security_group_changes.arn
}

output "role_arn" {
  description = "role-to-assume for aws-actions/configure-aws-credentials."
  value       = var.create_global ? aws_iam_role.driftguard[0].arn : null
}
