variable "load_balancer_arn_us_east_1" {
  type        = string
  description = "ARN of the load balancer in us-east-1: terraform -chdir=../region-us-east-1 output -raw load_balancer_arn"
  validation {
    condition     = can(regex("^arn:aws[a-z-]*:elasticloadbalancing:us-east-1:[0-9]{12}:loadbalancer/", var.load_balancer_arn_us_east_1))
    error_message = "Set load_balancer_arn_us_east_1 to the load balancer ARN in us-east-1 that terraform -chdir=../region-us-east-1 output -raw load_balancer_arn prints."
  }
}

variable "traffic_dial_us_east_1" {
  type        = number
  description = "Percent of us-east-1's traffic it keeps (0-100); landfall cutover prints the value to keep when it ends"
  default     = 0
  validation {
    condition     = var.traffic_dial_us_east_1 >= 0 && var.traffic_dial_us_east_1 <= 100
    error_message = "A traffic dial is a percentage from 0 to 100."
  }
}
