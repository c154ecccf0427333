output "load_balancer_arn" {
  description = "Feeds the global module's endpoint group"
  value       = aws_lb.this.arn
}

output "load_balancer_dns_name" {
  description = "This region's load balancer: from the internet when internet-facing, from the VPC when internal"
  value       = aws_lb.this.dns_name
}

output "cluster_name" {
  description = "ECS cluster"
  value       = aws_ecs_cluster.this.name
}

output "service_name" {
  description = "ECS service"
  value       = aws_ecs_service.this.name
}
