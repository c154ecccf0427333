# Landfall: checkout in us-east-1 (generated from landfall.yaml; do not edit)

provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = { "landfall:service" = "checkout" }
  }
}

module "region_us_east_1" {
  source                   = "../modules/region"
  region                   = "us-east-1"
  image                    = "ghcr.io/example/checkout@sha256:0d5fbcf7b8e0e52b2b8a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80"
  vpc_id                   = "vpc-0123456789abcdef0"
  subnet_ids               = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  load_balancer_subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  internal                 = true
  health_check_protocol    = "HTTP"
  certificate_arn          = "arn:aws:acm:us-east-1:111122223333:certificate/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9"
  environment = {
    "LANDFALL_REGION"     = "us-east-1"
    "LANDFALL_STORE_KIND" = "postgres"
    "NODE_ENV"            = "production"
  }
  secrets = {
    "LANDFALL_STORE_URL" = "arn:aws:secretsmanager:us-east-1:111122223333:secret:checkout/pg-use1-Ab12Cd"
    "STRIPE_KEY"         = "arn:aws:secretsmanager:us-east-1:111122223333:secret:checkout/stripe-Xy12Zw"
  }
  secrets_manager_arns = ["arn:aws:secretsmanager:us-east-1:111122223333:secret:checkout/pg-use1-Ab12Cd", "arn:aws:secretsmanager:us-east-1:111122223333:secret:checkout/stripe-Xy12Zw"]
  ssm_parameter_arns   = []
}
