# Landfall: edge-api's accelerator (generated from landfall.yaml; do not edit)

provider "aws" {
  region = "us-west-2"
  default_tags {
    tags = { "landfall:service" = "edge-api" }
  }
}

module "global" {
  source                      = "../modules/global"
  load_balancer_arn_us_east_1 = var.load_balancer_arn_us_east_1
  traffic_dial_us_east_1      = var.traffic_dial_us_east_1
}
