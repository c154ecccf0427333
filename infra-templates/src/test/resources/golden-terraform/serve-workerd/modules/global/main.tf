# Landfall: Global Accelerator for edge-api across 1 region(s) (generated from landfall.yaml; do not edit)

resource "aws_globalaccelerator_accelerator" "this" {
  name            = "edge-api"
  enabled         = true
  ip_address_type = "IPV4"
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_globalaccelerator_listener" "this" {
  accelerator_arn = aws_globalaccelerator_accelerator.this.id
  protocol        = "TCP"
  client_affinity = "NONE"
  port_range {
    from_port = 80
    to_port   = 80
  }
}

resource "aws_globalaccelerator_endpoint_group" "us_east_1" {
  listener_arn                  = aws_globalaccelerator_listener.this.id
  endpoint_group_region         = "us-east-1"
  health_check_interval_seconds = 30
  threshold_count               = 3
  traffic_dial_percentage       = var.traffic_dial_us_east_1
  endpoint_configuration {
    endpoint_id                    = var.load_balancer_arn_us_east_1
    weight                         = 128
    client_ip_preservation_enabled = true
  }
}
