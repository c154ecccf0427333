# Landfall: checkout in eu-west-1 (generated from landfall.yaml; do not edit)

provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { "landfall:service" = "checkout" }
  }
}

module "network_eu_west_1" {
  source             = "../modules/network"
  cidr               = "10.20.0.0/16"
  availability_zones = 3
  single_nat_gateway = false
}

module "region_eu_west_1" {
  source                   = "../modules/region"
  region                   = "eu-west-1"
  vpc_id                   = module.network_eu_west_1.vpc_id
  subnet_ids               = module.network_eu_west_1.private_subnet_ids
  load_balancer_subnet_ids = module.network_eu_west_1.public_subnet_ids
  environment = {
    "LANDFALL_REGION"     = "eu-west-1"
    "LANDFALL_STORE_KIND" = "postgres"
    "NODE_ENV"            = "production"
  }
  secrets = {
    "LANDFALL_STORE_URL" = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:checkout/pg-euw1-Ef34Gh"
    "STRIPE_KEY"         = "arn:aws:secretsmanager:us-east-1:111122223333:secret:checkout/stripe-Xy12Zw"
  }
  secrets_manager_arns = ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:checkout/pg-euw1-Ef34Gh", "arn:aws:secretsmanager:us-east-1:111122223333:secret:checkout/stripe-Xy12Zw"]
  ssm_parameter_arns   = []
}
