variable "load_balancer_arn_us_east_1" {
  type        = string
  description = "ARN of the load balancer in us-east-1"
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
