output "load_balancer_arn" {
  description = "The accelerator root's load_balancer_arn_us_east_1"
  value       = module.region_us_east_1.load_balancer_arn
}

output "load_balancer_dns_name" {
  description = "Reach us-east-1 directly, bypassing the accelerator"
  value       = module.region_us_east_1.load_balancer_dns_name
}
