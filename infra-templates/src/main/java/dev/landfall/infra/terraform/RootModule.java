package dev.landfall.infra.terraform;

import dev.landfall.infra.spec.RegionNetwork;
import dev.landfall.infra.spec.RegionSpec;
import dev.landfall.infra.spec.SecretArn;
import dev.landfall.infra.spec.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The root module: a provider alias per region (plus us-west-2 for Global Accelerator), a
 * {@code modules/region} block per region with that region's VPC, subnets, store and secret
 * ARNs, and the global module fed with every region's load balancer ARN and dial variable.
 */
final class RootModule {
    private static final String TAGS = "default_tags";

    private RootModule() {}

    static String versions() {
        return new HclWriter()
                .block("terraform")
                .literal("required_version", ">= 1.5")
                .block("required_providers")
                .open("aws = {")
                .literal("source", "hashicorp/aws")
                .literal("version", "~> 5.0")
                .close()
                .close()
                .close()
                .text();
    }

    static String variables(ServiceSpec spec) {
        HclWriter w = new HclWriter();
        for (RegionSpec region : spec.regions()) {
            GlobalModule.trafficDial(w, region.name());
        }
        return w.text();
    }

    static String outputs(ServiceSpec spec) {
        HclWriter w = new HclWriter();
        RegionModule.output(
                w, "accelerator_arn", "The accelerator (for landfall cutover)", "module.global.accelerator_arn");
        RegionModule.output(w, "accelerator_dns_name", "Point clients here", "module.global.accelerator_dns_name");
        RegionModule.output(
                w,
                "accelerator_ipv4_addresses",
                "The two static anycast addresses",
                "module.global.accelerator_ipv4_addresses");
        for (RegionSpec region : spec.regions()) {
            RegionModule.output(
                    w,
                    "load_balancer_dns_name_" + Names.region(region.name()),
                    region.internal()
                            ? "Internal load balancer in " + region.name() + ": reachable from inside the VPC only"
                            : "Reach " + region.name() + " directly, bypassing the accelerator",
                    "module." + Names.regionModule(region.name()) + ".load_balancer_dns_name");
            if (region.network() instanceof RegionNetwork.Created) {
                RegionModule.output(
                        w,
                        "vpc_id_" + Names.region(region.name()),
                        "The VPC Landfall created in " + region.name() + " (peer or route it to the store's network)",
                        "module." + Names.networkModule(region.name()) + ".vpc_id");
            }
        }
        return w.text();
    }

    static String main(ServiceSpec spec) {
        HclWriter w = HclWriter.generated(spec.name());
        TreeSet<String> providerRegions = new TreeSet<>();
        spec.regions().forEach(region -> providerRegions.add(region.name()));
        providerRegions.add(Names.GLOBAL_REGION);
        for (String region : providerRegions) {
            w.block("provider", "aws")
                    .literal("alias", Names.region(region))
                    .literal("region", region)
                    .block(TAGS)
                    .attribute("tags", HclWriter.stringMap(Map.of("landfall:service", spec.name())))
                    .close()
                    .close()
                    .blankLine();
        }
        for (RegionSpec region : spec.regions()) {
            regionModule(w, spec, region);
        }
        w.block("module", "global").literal("source", "./modules/global");
        w.open("providers = {")
                .attribute("aws", "aws." + Names.region(Names.GLOBAL_REGION))
                .close();
        for (RegionSpec region : spec.regions()) {
            w.attribute(
                    Names.loadBalancerArn(region.name()),
                    "module." + Names.regionModule(region.name()) + ".load_balancer_arn");
            w.attribute(Names.trafficDial(region.name()), "var." + Names.trafficDial(region.name()));
        }
        return w.close().text();
    }

    private static void regionModule(HclWriter w, ServiceSpec spec, RegionSpec region) {
        SortedMap<String, String> environment = new TreeMap<>(spec.environment());
        environment.put("LANDFALL_REGION", region.name());
        environment.put("LANDFALL_STORE_KIND", region.store().kind());
        region.store().endpoint().ifPresent(endpoint -> environment.put("LANDFALL_STORE_ENDPOINT", endpoint));
        SortedMap<String, String> secrets = new TreeMap<>();
        spec.secretsFor(region).forEach((name, arn) -> secrets.put(name, arn.value()));
        region.store().secretArn().ifPresent(arn -> secrets.put("LANDFALL_STORE_URL", arn.value()));
        List<SecretArn> arns = new ArrayList<>(spec.secretsFor(region).values());
        region.store().secretArn().ifPresent(arns::add);
        spec.repositoryCredentials().ifPresent(arns::add);
        TreeSet<String> secretsManager = new TreeSet<>();
        TreeSet<String> parameters = new TreeSet<>();
        for (SecretArn arn : arns) {
            (arn.isSsmParameter() ? parameters : secretsManager).add(arn.resourceArn());
        }
        if (region.network() instanceof RegionNetwork.Created created) {
            NetworkModule.call(w, region, created);
        }
        w.block("module", Names.regionModule(region.name())).literal("source", "./modules/region");
        w.open("providers = {")
                .attribute("aws", "aws." + Names.region(region.name()))
                .close();
        w.literal("region", region.name());
        w.literal("image", spec.imageFor(region));
        RegionModule.ecrRepositoryArn(spec.imageFor(region))
                .ifPresent(repository -> w.literal("ecr_repository_arn", repository));
        if (region.network() instanceof RegionNetwork.Existing existing) {
            w.literal("vpc_id", existing.vpcId())
                    .attribute("subnet_ids", HclWriter.stringList(existing.subnetIds()))
                    .attribute("load_balancer_subnet_ids", HclWriter.stringList(existing.loadBalancerSubnetIds()));
        } else {
            String network = "module." + Names.networkModule(region.name());
            w.attribute("vpc_id", network + ".vpc_id")
                    .attribute("subnet_ids", network + ".private_subnet_ids")
                    .attribute(
                            "load_balancer_subnet_ids",
                            network + (region.internal() ? ".private_subnet_ids" : ".public_subnet_ids"));
        }
        w.attribute("internal", region.internal());
        w.literal("health_check_protocol", spec.healthCheckProtocol(region).name());
        region.certificate().ifPresent(certificate -> w.literal("certificate_arn", certificate.value()));
        map(w, "environment", environment);
        map(w, "secrets", secrets);
        w.attribute("secrets_manager_arns", HclWriter.stringList(List.copyOf(secretsManager)))
                .attribute("ssm_parameter_arns", HclWriter.stringList(List.copyOf(parameters)))
                .close()
                .blankLine();
    }

    private static void map(HclWriter w, String name, SortedMap<String, String> values) {
        if (values.isEmpty()) {
            w.attribute(name, "{}");
            return;
        }
        w.open(name + " = {");
        values.forEach((key, value) -> w.attribute(HclWriter.string(key), HclWriter.string(value)));
        w.close();
    }
}
