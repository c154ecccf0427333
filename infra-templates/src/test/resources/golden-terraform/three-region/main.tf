# Landfall: checkout (generated from landfall.yaml; do not edit)

provider "aws" {
  alias = "ap_southeast_1"
  region = "ap-southeast-1"
  default_tags {
    tags = { "landfall:service" = "checkout" }
  }
}

provider "aws" {
  alias = "eu_west_1"
  region = "eu-west-1"
  default_tags {
    tags = { "landfall:service" = "checkout" }
  }
}

provider "aws" {
  alias = "us_east_1"
  region = "us-east-1"
  default_tags {
    tags = { "landfall:service" = "checkout" }
  }
}

provider "aws" {
  alias = "us_west_2"
  region = "us-west-2"
  default_tags {
    tags = { "landfall:service" = "checkout" }
  }
}

module "region_us_east_1" {
  source = "./modules/region"
  providers = {
    aws = aws.us_east_1
  }
  region = "us-east-1"
  image = "ghcr.io/example/checkout@sha256:0d5fbcf7b8e0e52b2b8a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80"
  vpc_id = "vpc-0123456789abcdef0"
  subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  load_balancer_subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  internal = true
  health_check_protocol = "HTTP"
  certificate_arn = "arn:aws:acm:us-east-1:111122223333:certificate/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9"
  environment = {
    "LANDFALL_REGION" = "us-east-1"
    "LANDFALL_STORE_KIND" = "postgres"
    "NODE_ENV" = "production"
  }
  secrets = {
    "LANDFALL_STORE_URL" = "arn:aws:secretsmanager:us-east-1:111122223333:secret:checkout/pg-use1-Ab12Cd"
    "STRIPE_KEY" = "arn:aws:secretsmanager:us-east-1:111122223333:secret:checkout/stripe-Xy12Zw"
  }
  secrets_manager_arns = ["arn:aws:secretsmanager:us-east-1:111122223333:secret:checkout/pg-use1-Ab12Cd", "arn:aws:secretsmanager:us-east-1:111122223333:secret:checkout/stripe-Xy12Zw"]
  ssm_parameter_arns = []
}

module "network_eu_west_1" {
  source = "./modules/network"
  providers = {
    aws = aws.eu_west_1
  }
  cidr = "10.20.0.0/16"
  availability_zones = 3
  single_nat_gateway = false
}

module "region_eu_west_1" {
  source = "./modules/region"
  providers = {
    aws = aws.eu_west_1
  }
  region = "eu-west-1"
  image = "ghcr.io/example/checkout@sha256:0d5fbcf7b8e0e52b2b8a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80"
  vpc_id = module.network_eu_west_1.vpc_id
  subnet_ids = module.network_eu_west_1.private_subnet_ids
  load_balancer_subnet_ids = module.network_eu_west_1.public_subnet_ids
  internal = false
  health_check_protocol = "HTTP"
  environment = {
    "LANDFALL_REGION" = "eu-west-1"
    "LANDFALL_STORE_KIND" = "postgres"
    "NODE_ENV" = "production"
  }
  secrets = {
    "LANDFALL_STORE_URL" = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:checkout/pg-euw1-Ef34Gh"
    "STRIPE_KEY" = "arn:aws:secretsmanager:us-east-1:111122223333:secret:checkout/stripe-Xy12Zw"
  }
  secrets_manager_arns = ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:checkout/pg-euw1-Ef34Gh", "arn:aws:secretsmanager:us-east-1:111122223333:secret:checkout/stripe-Xy12Zw"]
  ssm_parameter_arns = []
}

module "region_ap_southeast_1" {
  source = "./modules/region"
  providers = {
    aws = aws.ap_southeast_1
  }
  region = "ap-southeast-1"
  image = "ghcr.io/example/checkout@sha256:0d5fbcf7b8e0e52b2b8a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80"
  vpc_id = "vpc-0abcabcabcabcabc0"
  subnet_ids = ["subnet-0abcabcabcabcabc0", "subnet-0abcabcabcabcabc1", "subnet-0abcabcabcabcabc2"]
  load_balancer_subnet_ids = ["subnet-0abcabcabcabcabc0", "subnet-0abcabcabcabcabc1", "subnet-0abcabcabcabcabc2"]
  internal = true
  health_check_protocol = "HTTP"
  environment = {
    "LANDFALL_REGION" = "ap-southeast-1"
    "LANDFALL_STORE_ENDPOINT" = "redis://checkout-cache.apse1.internal:6379/0"
    "LANDFALL_STORE_KIND" = "redis"
    "NODE_ENV" = "production"
  }
  secrets = {
    "STRIPE_KEY" = "arn:aws:secretsmanager:us-east-1:111122223333:secret:checkout/stripe-Xy12Zw"
  }
  secrets_manager_arns = ["arn:aws:secretsmanager:us-east-1:111122223333:secret:checkout/stripe-Xy12Zw"]
  ssm_parameter_arns = []
}

module "global" {
  source = "./modules/global"
  providers = {
    aws = aws.us_west_2
  }
  load_balancer_arn_us_east_1 = module.region_us_east_1.load_balancer_arn
  traffic_dial_us_east_1 = var.traffic_dial_us_east_1
  load_balancer_arn_eu_west_1 = module.region_eu_west_1.load_balancer_arn
  traffic_dial_eu_west_1 = var.traffic_dial_eu_west_1
  load_balancer_arn_ap_southeast_1 = module.region_ap_southeast_1.load_balancer_arn
  traffic_dial_ap_southeast_1 = var.traffic_dial_ap_southeast_1
}
