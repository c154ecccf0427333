# Landfall: edge-api on Fargate behind an NLB (generated from landfall.yaml; do not edit)

resource "aws_ecs_cluster" "this" {
  name = "edge-api"
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/landfall/edge-api"
  retention_in_days = 30
  # The logs explain what went wrong; destroying the module must not delete them.
  skip_destroy = true
}

resource "aws_iam_role" "execution" {
  name_prefix = "landfall-execution-"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_iam_role" "task" {
  name_prefix = "landfall-task-"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_iam_role_policy" "execution" {
  name = "task-execution"
  role = aws_iam_role.execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents"], Resource = ["${aws_cloudwatch_log_group.this.arn}:*"] }],
      var.ecr_repository_arn == null ? [] : [{ Effect = "Allow", Action = ["ecr:GetAuthorizationToken"], Resource = ["*"] }],
      var.ecr_repository_arn == null ? [] : [{ Effect = "Allow", Action = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource = [var.ecr_repository_arn] }],
      [{ Effect = "Allow", Action = ["ecr:GetAuthorizationToken"], Resource = ["*"] }],
      [{ Effect = "Allow", Action = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource = ["arn:aws:ecr:us-east-1:111122223333:repository/landfall"] }],
      length(var.secrets_manager_arns) == 0 ? [] : [{ Effect = "Allow", Action = ["secretsmanager:GetSecretValue"], Resource = var.secrets_manager_arns }],
      length(var.ssm_parameter_arns) == 0 ? [] : [{ Effect = "Allow", Action = ["ssm:GetParameters"], Resource = var.ssm_parameter_arns }],
    )
  })
}

resource "aws_ecs_task_definition" "this" {
  family                   = "edge-api"
  cpu                      = "512"
  memory                   = "1024"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  runtime_platform {
    cpu_architecture        = "X86_64"
    operating_system_family = "LINUX"
  }
  container_definitions = jsonencode([{
    name         = "edge-api"
    image        = var.image
    essential    = true
    portMappings = [{ containerPort = 8080, protocol = "tcp" }]
    environment  = [for name, value in var.environment : { name = name, value = value }]
    secrets      = [for name, arn in var.secrets : { name = name, valueFrom = arn }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        "awslogs-group"         = aws_cloudwatch_log_group.this.name
        "awslogs-region"        = var.region
        "awslogs-stream-prefix" = "edge-api"
      }
    }
    dependsOn = [{ containerName = "landfall-serve", condition = "HEALTHY" }]
    }, {
    name        = "landfall-serve"
    image       = "111122223333.dkr.ecr.us-east-1.amazonaws.com/landfall:0.1.0"
    essential   = true
    memory      = 384
    entryPoint  = ["sh", "-c"]
    command     = ["if [ -n \"$LANDFALL_STORE_URL\" ]; then store=\"$LANDFALL_STORE_URL\"; else case \"$LANDFALL_STORE_ENDPOINT\" in *://*) store=\"$LANDFALL_STORE_ENDPOINT\" ;; *) store=\"$LANDFALL_STORE_KIND://$LANDFALL_STORE_ENDPOINT\" ;; esac; fi; exec java -XX:MaxRAMPercentage=50 -jar /opt/landfall/landfall.jar serve --store \"$store\" --listen 127.0.0.1:8787"]
    environment = [for name, value in var.environment : { name = name, value = value } if contains(["LANDFALL_STORE_ENDPOINT", "LANDFALL_STORE_KIND"], name)]
    secrets     = [for name, arn in var.secrets : { name = name, valueFrom = arn } if name == "LANDFALL_STORE_URL"]
    healthCheck = {
      command     = ["CMD-SHELL", "curl -fsS -o /dev/null http://127.0.0.1:8787/readyz || exit 1"]
      interval    = 5
      timeout     = 3
      retries     = 3
      startPeriod = 60
    }
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        "awslogs-group"         = aws_cloudwatch_log_group.this.name
        "awslogs-region"        = var.region
        "awslogs-stream-prefix" = "landfall-serve"
      }
    }
  }])
}

resource "aws_security_group" "load_balancer" {
  description = "edge-api load balancer: listener port from anywhere"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "listener" {
  security_group_id = aws_security_group.load_balancer.id
  description       = "listener"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group" "tasks" {
  description = "edge-api tasks: container port from the load balancer only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "from_load_balancer" {
  security_group_id            = aws_security_group.tasks.id
  description                  = "traffic from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  referenced_security_group_id = aws_security_group.load_balancer.id
}

resource "aws_vpc_security_group_egress_rule" "load_balancer_all" {
  security_group_id = aws_security_group.load_balancer.id
  description       = "all outbound, as an AWS default security group"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "tasks_all" {
  security_group_id = aws_security_group.tasks.id
  description       = "all outbound, as an AWS default security group"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_lb" "this" {
  name_prefix                      = "lf-"
  load_balancer_type               = "network"
  internal                         = var.internal
  subnets                          = var.load_balancer_subnet_ids
  security_groups                  = [aws_security_group.load_balancer.id]
  enable_cross_zone_load_balancing = true
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_target_group" "this" {
  name_prefix          = "lf-"
  target_type          = "ip"
  protocol             = "TCP"
  port                 = 8080
  vpc_id               = var.vpc_id
  deregistration_delay = "30"
  preserve_client_ip   = "true"
  health_check {
    protocol            = var.health_check_protocol
    path                = var.health_check_protocol == "TCP" ? null : "/healthz"
    interval            = 10
    healthy_threshold   = 3
    unhealthy_threshold = 3
  }
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_listener" "this" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "TCP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this.arn
  }
}

resource "aws_ecs_service" "this" {
  name                               = "edge-api"
  cluster                            = aws_ecs_cluster.this.id
  task_definition                    = aws_ecs_task_definition.this.arn
  launch_type                        = "FARGATE"
  desired_count                      = 2
  health_check_grace_period_seconds  = 60
  enable_ecs_managed_tags            = true
  propagate_tags                     = "SERVICE"
  deployment_maximum_percent         = 200
  deployment_minimum_healthy_percent = 100
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = false
  }
  load_balancer {
    target_group_arn = aws_lb_target_group.this.arn
    container_name   = "edge-api"
    container_port   = 8080
  }
  depends_on = [aws_lb_listener.this]
  lifecycle {
    ignore_changes = [desired_count]
  }
}

resource "aws_appautoscaling_target" "this" {
  min_capacity       = 2
  max_capacity       = 4
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.this.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  service_namespace  = "ecs"
}

resource "aws_appautoscaling_policy" "cpu" {
  name               = "edge-api-cpu"
  policy_type        = "TargetTrackingScaling"
  resource_id        = aws_appautoscaling_target.this.resource_id
  scalable_dimension = aws_appautoscaling_target.this.scalable_dimension
  service_namespace  = aws_appautoscaling_target.this.service_namespace
  target_tracking_scaling_policy_configuration {
    target_value       = 60
    scale_in_cooldown  = 120
    scale_out_cooldown = 60
    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}
