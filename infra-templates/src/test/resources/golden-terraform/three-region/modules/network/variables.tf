variable "cidr" {
  type        = string
  description = "Address range of the VPC, /16 to /24"
}

variable "availability_zones" {
  type        = number
  description = "Availability zones the subnets span, 2 or 3"
}

variable "single_nat_gateway" {
  type        = bool
  description = "One NAT gateway for every zone (cheaper) instead of one per zone"
}
