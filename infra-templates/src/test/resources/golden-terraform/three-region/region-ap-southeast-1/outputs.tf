output "load_balancer_arn" {
  description = "The accelerator root's load_balancer_arn_ap_southeast_1"
  value       = module.region_ap_southeast_1.load_balancer_arn
}

output "load_balancer_dns_name" {
  description = "Reach ap-southeast-1 directly, bypassing the accelerator"
  value       = module.region_ap_southeast_1.load_balancer_dns_name
}
