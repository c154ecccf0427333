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
  image                    = "ghcr.io/example/checkout@sha256:0d5fbcf7b8e0e52b2b8a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80"
  vpc_id                   = module.network_eu_west_1.vpc_id
  subnet_ids               = module.network_eu_west_1.private_subnet_ids
  load_balancer_subnet_ids = module.network_eu_west_1.public_subnet_ids
  internal                 = false
  health_check_protocol    = "HTTP"
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
