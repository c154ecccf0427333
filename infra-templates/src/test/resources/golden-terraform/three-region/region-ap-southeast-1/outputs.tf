output "load_balancer_arn" {
  description = "The accelerator root's load_balancer_arn_ap_southeast_1"
  value       = module.region_ap_southeast_1.load_balancer_arn
}

output "load_balancer_dns_name" {
  description = "Internal load balancer in ap-southeast-1: reachable from inside the VPC only"
  value       = module.region_ap_southeast_1.load_balancer_dns_name
}
