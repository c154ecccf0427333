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
  description = "Subnets of the load balancer: public ones when internet-facing, the task subnets when internal"
}

variable "image" {
  type        = string
  description = "The container image in this region (an ECR replica, or the spec's image)"
}

variable "ecr_repository_arn" {
  type        = string
  description = "The ECR repository the image is pulled from; null: not ECR"
  default     = null
}

variable "internal" {
  type        = bool
  description = "Internal load balancer, reachable only through the accelerator"
}

variable "health_check_protocol" {
  type        = string
  description = "HTTP, HTTPS (the container speaks TLS: passthrough) or TCP; the target group's probe"
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
