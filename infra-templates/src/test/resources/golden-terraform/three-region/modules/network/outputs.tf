output "vpc_id" {
  description = "The VPC"
  value       = aws_vpc.this.id
}

output "public_subnet_ids" {
  description = "Subnets of the internet-facing load balancer"
  value       = aws_subnet.public[*].id
  depends_on  = [aws_route.public_internet, aws_route_table_association.public]
}

output "private_subnet_ids" {
  description = "Subnets of the tasks, with egress through NAT"
  value       = aws_subnet.private[*].id
  depends_on  = [aws_route.private_nat, aws_route_table_association.private]
}
