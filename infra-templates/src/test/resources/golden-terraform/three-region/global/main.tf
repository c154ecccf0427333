# Landfall: checkout's accelerator (generated from landfall.yaml; do not edit)

provider "aws" {
  region = "us-west-2"
  default_tags {
    tags = { "landfall:service" = "checkout" }
  }
}

module "global" {
  source                           = "../modules/global"
  load_balancer_arn_us_east_1      = var.load_balancer_arn_us_east_1
  traffic_dial_us_east_1           = var.traffic_dial_us_east_1
  load_balancer_arn_eu_west_1      = var.load_balancer_arn_eu_west_1
  traffic_dial_eu_west_1           = var.traffic_dial_eu_west_1
  load_balancer_arn_ap_southeast_1 = var.load_balancer_arn_ap_southeast_1
  traffic_dial_ap_southeast_1      = var.traffic_dial_ap_southeast_1
}
