output "load_balancer_arn" {
  description = "The accelerator root's load_balancer_arn_us_east_1"
  value       = module.region_us_east_1.load_balancer_arn
}

output "load_balancer_dns_name" {
  description = "Internal load balancer in us-east-1: reachable from inside the VPC only"
  value       = module.region_us_east_1.load_balancer_dns_name
}
