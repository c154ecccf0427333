# Landfall: edge-api in us-east-1 (generated from landfall.yaml; do not edit)

provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = { "landfall:service" = "edge-api" }
  }
}

module "region_us_east_1" {
  source                   = "../modules/region"
  region                   = "us-east-1"
  image                    = "111122223333.dkr.ecr.us-east-1.amazonaws.com/edge-api:2.0.1"
  ecr_repository_arn       = "arn:aws:ecr:us-east-1:111122223333:repository/edge-api"
  vpc_id                   = "vpc-0123456789abcdef0"
  subnet_ids               = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  load_balancer_subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  internal                 = true
  health_check_protocol    = "HTTP"
  environment = {
    "LANDFALL_REGION"     = "us-east-1"
    "LANDFALL_SERVE_URL"  = "http://127.0.0.1:8787"
    "LANDFALL_STORE_KIND" = "postgres"
    "LOG_LEVEL"           = "info"
  }
  secrets = {
    "LANDFALL_STORE_URL" = "arn:aws:secretsmanager:us-east-1:111122223333:secret:edge-api/postgres-url-AbCdEf"
  }
  secrets_manager_arns = ["arn:aws:secretsmanager:us-east-1:111122223333:secret:edge-api/postgres-url-AbCdEf"]
  ssm_parameter_arns   = []
}
