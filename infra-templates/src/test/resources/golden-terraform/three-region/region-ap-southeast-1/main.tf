# Landfall: checkout in ap-southeast-1 (generated from landfall.yaml; do not edit)

provider "aws" {
  region = "ap-southeast-1"
  default_tags {
    tags = { "landfall:service" = "checkout" }
  }
}

module "region_ap_southeast_1" {
  source                   = "../modules/region"
  region                   = "ap-southeast-1"
  image                    = "ghcr.io/example/checkout@sha256:0d5fbcf7b8e0e52b2b8a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80"
  vpc_id                   = "vpc-0abcabcabcabcabc0"
  subnet_ids               = ["subnet-0abcabcabcabcabc0", "subnet-0abcabcabcabcabc1", "subnet-0abcabcabcabcabc2"]
  load_balancer_subnet_ids = ["subnet-0abcabcabcabcabc0", "subnet-0abcabcabcabcabc1", "subnet-0abcabcabcabcabc2"]
  internal                 = true
  health_check_protocol    = "HTTP"
  environment = {
    "LANDFALL_REGION"         = "ap-southeast-1"
    "LANDFALL_STORE_ENDPOINT" = "redis://checkout-cache.apse1.internal:6379/0"
    "LANDFALL_STORE_KIND"     = "redis"
    "NODE_ENV"                = "production"
  }
  secrets = {
    "STRIPE_KEY" = "arn:aws:secretsmanager:us-east-1:111122223333:secret:checkout/stripe-Xy12Zw"
  }
  secrets_manager_arns = ["arn:aws:secretsmanager:us-east-1:111122223333:secret:checkout/stripe-Xy12Zw"]
  ssm_parameter_arns   = []
}
