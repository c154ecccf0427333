output "accelerator_arn" {
  description = "The accelerator (for landfall cutover)"
  value = module.global.accelerator_arn
}

output "accelerator_dns_name" {
  description = "Point clients here"
  value = module.global.accelerator_dns_name
}

output "accelerator_ipv4_addresses" {
  description = "The two static anycast addresses"
  value = module.global.accelerator_ipv4_addresses
}

output "load_balancer_dns_name_us_east_1" {
  description = "Internal load balancer in us-east-1: reachable from inside the VPC only"
  value = module.region_us_east_1.load_balancer_dns_name
}

output "load_balancer_dns_name_eu_west_1" {
  description = "Reach eu-west-1 directly, bypassing the accelerator"
  value = module.region_eu_west_1.load_balancer_dns_name
}

output "vpc_id_eu_west_1" {
  description = "The VPC Landfall created in eu-west-1 (peer or route it to the store's network)"
  value = module.network_eu_west_1.vpc_id
}

output "load_balancer_dns_name_ap_southeast_1" {
  description = "Internal load balancer in ap-southeast-1: reachable from inside the VPC only"
  value = module.region_ap_southeast_1.load_balancer_dns_name
}
