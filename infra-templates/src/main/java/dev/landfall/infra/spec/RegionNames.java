package dev.landfall.infra.spec;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The commercial AWS regions where both Fargate and Global Accelerator endpoints are available.
 * China and GovCloud are left out on purpose: Global Accelerator does not serve them.
 */
public final class RegionNames {
    private static final Set<String> KNOWN = new TreeSet<>(List.of(
            "af-south-1",
            "ap-east-1",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-northeast-3",
            "ap-south-1",
            "ap-south-2",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-southeast-3",
            "ap-southeast-4",
            "ca-central-1",
            "ca-west-1",
            "eu-central-1",
            "eu-central-2",
            "eu-north-1",
            "eu-south-1",
            "eu-south-2",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "il-central-1",
            "me-central-1",
            "me-south-1",
            "sa-east-1",
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2"));

    /**
     * Regions where most accounts see fewer than three availability zones. us-west-1 has three,
     * but accounts opened since 2013 can use only two of them.
     */
    private static final Map<String, Integer> FEWER_ZONES = Map.of("us-west-1", 2);

    private RegionNames() {}

    /** How many availability zones a VPC Landfall creates in {@code region} can span: 3, or fewer. */
    public static int availabilityZones(String region) {
        return FEWER_ZONES.getOrDefault(region, 3);
    }

    public static boolean isKnown(String region) {
        return KNOWN.contains(region);
    }

    /** Known regions close to a misspelt one, closest first. */
    public static List<String> nearMatches(String region) {
        return NearMatches.of(region, KNOWN);
    }
}
