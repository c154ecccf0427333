variable "region" {
  type        = string
  description = "AWS region code; the provider passed in must be for the same region"
}

variable "vpc_id" {
  type        = string
  description = "VPC of the load balancer and the tasks"
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnets for the tasks"
}

variable "load_balancer_subnet_ids" {
  type        = list(string)
  description = "Subnets of the internet-facing load balancer"
}

variable "environment" {
  type        = map(string)
  description = "Plain environment variables of the container (never secrets)"
}

variable "secrets" {
  type        = map(string)
  description = "Environment variable name to the Secrets Manager or SSM ARN it reads"
}

variable "secrets_manager_arns" {
  type        = list(string)
  description = "Secrets the execution role may read"
}

variable "ssm_parameter_arns" {
  type        = list(string)
  description = "SSM parameters the execution role may read"
}

variable "certificate_arn" {
  type        = string
  description = "ACM certificate in this region the listener terminates TLS with; null: no TLS"
  default     = null
}
