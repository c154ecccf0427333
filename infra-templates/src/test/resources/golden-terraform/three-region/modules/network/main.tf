# Landfall: the network of checkout in each region with create: true (generated from landfall.yaml; do not edit)

data "aws_availability_zones" "available" {
  state = "available"
  # Local and Wavelength Zones need an opt-in and have no NAT gateways.
  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

resource "aws_vpc" "this" {
  cidr_block = var.cidr
  # Interface VPC endpoints with private DNS need both; they cost nothing.
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = { Name = "checkout" }
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
  tags   = { Name = "checkout" }
}

resource "aws_subnet" "public" {
  count             = var.availability_zones
  vpc_id            = aws_vpc.this.id
  availability_zone = data.aws_availability_zones.available.names[count.index]
  cidr_block        = cidrsubnet(var.cidr, 4, 12 + count.index)
  # The load balancer and NAT gateways bring their own addresses; nothing else gets a public one.
  map_public_ip_on_launch = false
  tags                    = { Name = "checkout-public-${count.index + 1}" }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id
  tags   = { Name = "checkout-public" }
}

resource "aws_route" "public_internet" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this.id
}

resource "aws_route_table_association" "public" {
  count          = var.availability_zones
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_eip" "nat" {
  count      = var.single_nat_gateway ? 1 : var.availability_zones
  domain     = "vpc"
  tags       = { Name = "checkout-nat-${count.index + 1}" }
  depends_on = [aws_internet_gateway.this]
}

resource "aws_nat_gateway" "this" {
  count         = var.single_nat_gateway ? 1 : var.availability_zones
  allocation_id = aws_eip.nat[count.index].id
  subnet_id     = aws_subnet.public[count.index].id
  tags          = { Name = "checkout-nat-${count.index + 1}" }
  depends_on    = [aws_internet_gateway.this]
}

resource "aws_subnet" "private" {
  count                   = var.availability_zones
  vpc_id                  = aws_vpc.this.id
  availability_zone       = data.aws_availability_zones.available.names[count.index]
  cidr_block              = cidrsubnet(var.cidr, 2, count.index)
  map_public_ip_on_launch = false
  tags                    = { Name = "checkout-private-${count.index + 1}" }
}

resource "aws_route_table" "private" {
  count  = var.availability_zones
  vpc_id = aws_vpc.this.id
  tags   = { Name = "checkout-private-${count.index + 1}" }
}

resource "aws_route" "private_nat" {
  count                  = var.availability_zones
  route_table_id         = aws_route_table.private[count.index].id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this[var.single_nat_gateway ? 0 : count.index].id
}

resource "aws_route_table_association" "private" {
  count          = var.availability_zones
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}
