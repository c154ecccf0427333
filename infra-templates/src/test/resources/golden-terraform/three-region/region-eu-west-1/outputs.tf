output "load_balancer_arn" {
  description = "The accelerator root's load_balancer_arn_eu_west_1"
  value       = module.region_eu_west_1.load_balancer_arn
}

output "load_balancer_dns_name" {
  description = "Reach eu-west-1 directly, bypassing the accelerator"
  value       = module.region_eu_west_1.load_balancer_dns_name
}

output "vpc_id" {
  description = "The VPC Landfall created in eu-west-1 (peer or route it to the store's network)"
  value       = module.network_eu_west_1.vpc_id
}
