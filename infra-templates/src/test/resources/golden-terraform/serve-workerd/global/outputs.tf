output "accelerator_arn" {
  description = "The accelerator (for landfall cutover)"
  value       = module.global.accelerator_arn
}

output "accelerator_dns_name" {
  description = "Point clients here"
  value       = module.global.accelerator_dns_name
}

output "accelerator_ipv4_addresses" {
  description = "The two static anycast addresses"
  value       = module.global.accelerator_ipv4_addresses
}
