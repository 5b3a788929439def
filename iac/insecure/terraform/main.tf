# The "shop" example stack, with one insecure change (see the end of the file): a load balancer, application servers and a PostgreSQL database.
# plan.json and terraform.tfstate beside this file are what `terraform show -json` and
# `terraform apply` produce for it (written by hand in the documented formats; no Terraform
# binary runs on the machines that build DriftGuard).

terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}

provider "aws" {
  region = "us-east-1"
}

variable "vpc_id" {
  type    = string
  default = "vpc-0d1e2m3o4a5b6c7d8"
}

resource "aws_security_group" "alb" {
  name        = "shop-alb"
  description = "Load balancer: HTTPS from the internet"
  vpc_id      = var.vpc_id

  ingress {
    description      = "HTTPS from the internet"
    from_port        = 443
    to_port          = 443
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  ingress {
    description = "HTTP, redirected to HTTPS"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    description     = "To the application"
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [aws_security_group.app.id]
  }

  tags = { Name = "shop-alb", app = "shop" }
}

resource "aws_security_group" "app" {
  name        = "shop-app"
  description = "Application servers"
  vpc_id      = var.vpc_id
  tags        = { Name = "shop-app", app = "shop" }
}

resource "aws_vpc_security_group_ingress_rule" "app_from_alb" {
  security_group_id            = aws_security_group.app.id
  description                  = "HTTP from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  referenced_security_group_id = aws_security_group.alb.id
}

resource "aws_vpc_security_group_ingress_rule" "app_ssh_vpn" {
  security_group_id = aws_security_group.app.id
  description       = "SSH from the VPN"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = "10.20.0.0/16"
}

resource "aws_vpc_security_group_egress_rule" "app_https_out" {
  security_group_id = aws_security_group.app.id
  description       = "HTTPS to AWS APIs and package mirrors"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "app_to_db" {
  security_group_id            = aws_security_group.app.id
  description                  = "PostgreSQL"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.db.id
}

resource "aws_security_group" "db" {
  name        = "shop-db"
  description = "PostgreSQL"
  vpc_id      = var.vpc_id

  ingress {
    description     = "PostgreSQL from the application"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.app.id]
  }

  tags = { Name = "shop-db", app = "shop" }
}

# The problem statement's mistake, made in code this time: SSH open to the whole internet.
resource "aws_vpc_security_group_ingress_rule" "app_ssh_anywhere" {
  security_group_id = aws_security_group.app.id
  description       = "temporary debug access"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = "0.0.0.0/0"
}
