variable "name" {
  description = "Name of the trail, queues, rule and role."
  type        = string
  default     = "driftguard"
}

variable "github_repository" {
  description = "OWNER/REPO whose main branch may assume the DriftGuard role."
  type        = string
}

variable "create_global" {
  description = "Create the account-wide parts (trail, OIDC provider, role). Set false in every region but one."
  type        = bool
  default     = true
}

variable "create_trail" {
  description = "Create a multi-region management-events trail. Set false when an organization trail already records management events."
  type        = bool
  default     = true
}

variable "create_oidc_provider" {
  description = "Create the token.actions.githubusercontent.com OIDC provider (false when the account already has it)."
  type        = bool
  default     = true
}

variable "state_bucket" {
  description = "S3 bucket holding the Terraform state DriftGuard reads (--iac s3://bucket/key)."
  type        = string
}

variable "target_role_arns" {
  description = "Roles DriftGuard may assume in other accounts (--role-arn)."
  type        = list(string)
  default     = ["arn:aws:iam::*:role/DriftGuard"]
}

variable "max_receive_count" {
  description = "Receives before a message moves to the dead-letter queue."
  type        = number
  default     = 5
}
