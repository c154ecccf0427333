output "accelerator_arn" {
  description = "The accelerator (for landfall cutover)"
  value       = aws_globalaccelerator_accelerator.this.id
}

output "accelerator_dns_name" {
  description = "Point clients here"
  value       = aws_globalaccelerator_accelerator.this.dns_name
}

output "accelerator_ipv4_addresses" {
  description = "The two static anycast addresses"
  value       = join(",", aws_globalaccelerator_accelerator.this.ip_sets[0].ip_addresses)
}
