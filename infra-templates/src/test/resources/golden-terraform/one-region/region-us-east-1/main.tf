# Landfall: api in us-east-1 (generated from landfall.yaml; do not edit)

provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = { "landfall:service" = "api" }
  }
}

module "region_us_east_1" {
  source                   = "../modules/region"
  region                   = "us-east-1"
  image                    = "111122223333.dkr.ecr.us-east-1.amazonaws.com/api:1.4.2"
  ecr_repository_arn       = "arn:aws:ecr:us-east-1:111122223333:repository/api"
  vpc_id                   = "vpc-0123456789abcdef0"
  subnet_ids               = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  load_balancer_subnet_ids = ["subnet-0aaaaaaaaaaaaaaa0", "subnet-0aaaaaaaaaaaaaaa1"]
  internal                 = false
  health_check_protocol    = "HTTPS"
  environment = {
    "FEATURE_FLAGS"           = "search,checkout"
    "LANDFALL_REGION"         = "us-east-1"
    "LANDFALL_STORE_ENDPOINT" = "api-cache.abc123.use1.cache.amazonaws.com:6379"
    "LANDFALL_STORE_KIND"     = "redis"
    "LOG_LEVEL"               = "info"
  }
  secrets = {
    "SESSION_KEY"  = "arn:aws:secretsmanager:us-east-1:111122223333:secret:api/session-key-AbCdEf"
    "SIGNING_SALT" = "arn:aws:ssm:us-east-1:111122223333:parameter/api/signing-salt"
  }
  secrets_manager_arns = ["arn:aws:secretsmanager:us-east-1:111122223333:secret:api/session-key-AbCdEf"]
  ssm_parameter_arns   = ["arn:aws:ssm:us-east-1:111122223333:parameter/api/signing-salt"]
}
