package dev.landfall.infra.terraform;

import dev.landfall.infra.serve.ServeSidecar;
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
 * The root modules, each its own Terraform state: one per region ({@code region-REGION/}) with
 * that region's provider, its VPC, subnets, store and secret ARNs, and the accelerator's
 * ({@code global/}) on us-west-2, fed every region's load balancer ARN as a variable. Applying
 * the accelerator never reads a region's state or calls a region's API, so an impaired region can
 * still be drained.
 */
final class RootModule {
    private static final String TAGS = "default_tags";
    private static final String MODULES = "../modules/";

    private RootModule() {}

    /** versions.tf of a root module: the Terraform and provider versions it needs. */
    static String versions() {
        return versions(true);
    }

    /**
     * versions.tf of a child module: which provider its {@code aws} is, so a root passing it one
     * is not guessed at (Terraform warns "Reference to undefined provider" without it).
     */
    static String moduleVersions() {
        return versions(false);
    }

    /** A root also pins the Terraform version; a module leaves that to the root calling it. */
    private static String versions(boolean root) {
        HclWriter w = new HclWriter().block("terraform");
        if (root) {
            w.literal("required_version", ">= 1.5");
        }
        return w.block("required_providers")
                .open("aws = {")
                .literal("source", "hashicorp/aws")
                .literal("version", "~> 5.0")
                .close()
                .close()
                .close()
                .text();
    }

    /** The accelerator root's inputs: each region's load balancer ARN and traffic dial. */
    static String globalVariables(ServiceSpec spec) {
        HclWriter w = new HclWriter();
        for (RegionSpec region : spec.regions()) {
            loadBalancerArn(w, region.name());
            GlobalModule.trafficDial(w, region.name());
        }
        return w.text();
    }

    /** A load balancer ARN variable that must name a load balancer in its own region. */
    private static void loadBalancerArn(HclWriter w, String region) {
        String name = Names.loadBalancerArn(region);
        w.block("variable", name)
                .attribute("type", "string")
                .literal(
                        "description",
                        "ARN of the load balancer in " + region + ": terraform -chdir=../" + Names.regionRoot(region)
                                + " output -raw load_balancer_arn")
                .block("validation")
                .attribute(
                        "condition",
                        "can(regex("
                                + HclWriter.string(
                                        "^arn:aws[a-z-]*:elasticloadbalancing:" + region + ":[0-9]{12}:loadbalancer/")
                                + ", var." + name + "))")
                .literal(
                        "error_message",
                        "Set " + name + " to the load balancer ARN in " + region + " that terraform -chdir=../"
                                + Names.regionRoot(region) + " output -raw load_balancer_arn prints.")
                .close()
                .close()
                .blankLine();
    }

    static String globalOutputs() {
        return GlobalModule.outputs(
                "module.global.accelerator_arn",
                "module.global.accelerator_dns_name",
                "module.global.accelerator_ipv4_addresses");
    }

    static String regionOutputs(RegionSpec region) {
        HclWriter w = new HclWriter();
        RegionModule.output(
                w,
                "load_balancer_arn",
                "The accelerator root's load_balancer_arn_" + Names.region(region.name()),
                "module." + Names.regionModule(region.name()) + ".load_balancer_arn");
        RegionModule.output(
                w,
                "load_balancer_dns_name",
                region.internal()
                        ? "Internal load balancer in " + region.name() + ": reachable from inside the VPC only"
                        : "Reach " + region.name() + " directly, bypassing the accelerator",
                "module." + Names.regionModule(region.name()) + ".load_balancer_dns_name");
        if (region.network() instanceof RegionNetwork.Created) {
            RegionModule.output(
                    w,
                    "vpc_id",
                    "The VPC Landfall created in " + region.name() + " (peer or route it to the store's network)",
                    "module." + Names.networkModule(region.name()) + ".vpc_id");
        }
        return w.text();
    }

    static String regionMain(ServiceSpec spec, RegionSpec region) {
        HclWriter w = HclWriter.generated(spec.name() + " in " + region.name());
        provider(w, spec, region.name());
        regionModule(w, spec, region);
        return w.text();
    }

    static String globalMain(ServiceSpec spec) {
        HclWriter w = HclWriter.generated(spec.name() + "'s accelerator");
        provider(w, spec, Names.GLOBAL_REGION);
        w.block("module", "global").literal("source", MODULES + "global");
        for (RegionSpec region : spec.regions()) {
            w.attribute(Names.loadBalancerArn(region.name()), "var." + Names.loadBalancerArn(region.name()));
            w.attribute(Names.trafficDial(region.name()), "var." + Names.trafficDial(region.name()));
        }
        return w.close().text();
    }

    /** The root's only provider: every resource of a root is in one region. */
    private static void provider(HclWriter w, ServiceSpec spec, String region) {
        w.block("provider", "aws")
                .literal("region", region)
                .block(TAGS)
                .attribute("tags", HclWriter.stringMap(Map.of("landfall:service", spec.name())))
                .close()
                .close()
                .blankLine();
    }

    private static void regionModule(HclWriter w, ServiceSpec spec, RegionSpec region) {
        SortedMap<String, String> environment = new TreeMap<>(spec.environment());
        environment.put("LANDFALL_REGION", region.name());
        environment.put("LANDFALL_STORE_KIND", region.store().kind());
        region.store().endpoint().ifPresent(endpoint -> environment.put("LANDFALL_STORE_ENDPOINT", endpoint));
        spec.serve().ifPresent(serve -> environment.put(ServeSidecar.URL_VARIABLE, ServeSidecar.url(serve)));
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
        w.block("module", Names.regionModule(region.name())).literal("source", MODULES + "region");
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
