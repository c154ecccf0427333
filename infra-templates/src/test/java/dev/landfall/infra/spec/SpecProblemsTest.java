package dev.landfall.infra.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.LandfallException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One run reports every error, each where it is with a fix that names a valid value. */
class SpecProblemsTest {
    private static final String EXAMPLE = SpecExample.text();

    @Test
    void threeIndependentMistakesAreAllReportedInFileOrder() {
        String text = EXAMPLE.replace("port: 8080", "port: https")
                .replace("cpu: 512", "cpu: \"1024\"")
                .replace("  min: 2", "  min: 3");
        SpecCheck check = SpecParser.check("landfall.yaml", text);
        assertEquals(
                List.of("/port", "/cpu", "/tasks/min"),
                check.errors().stream().map(SpecProblem::pointer).toList(),
                check.errors().toString());
        LandfallException e = assertThrows(LandfallException.class, check::spec);
        assertEquals(2, e.exitCode());
        List<String> lines = e.getMessage().lines().toList();
        assertEquals("landfall.yaml has 3 errors:", lines.get(0));
        assertTrue(lines.get(1).startsWith("  landfall.yaml:11:7: port: "), lines.get(1));
        assertTrue(lines.get(2).startsWith("    fix: "), lines.get(2));
        assertTrue(lines.get(3).startsWith("  landfall.yaml:15:6: cpu: "), lines.get(3));
        assertTrue(lines.get(5).startsWith("  landfall.yaml:21:8: tasks.min: "), lines.get(5));
    }

    @Test
    void aStringNotOfItsFormIsQuotedWithWhatItShouldBeAndHowToWriteOne() {
        SpecProblem name = onlyError(EXAMPLE.replace("name: api", "name: API"));
        assertEquals("name: 'API' is not a valid service name", name.problem());
        assertEquals("use 2-32 of a-z, 0-9, '-'", name.fix());
        SpecProblem bake = onlyError(EXAMPLE.replace("bake: 10m", "bake: ten"));
        assertEquals("cutover.bake: 'ten' is not a duration", bake.problem());
        assertEquals("write e.g. 90s, 10m or 1h", bake.fix());
    }

    @Test
    void aQuotedNumberIsToldToDropTheQuotes() {
        SpecProblem cpu = onlyError(EXAMPLE.replace("cpu: 512", "cpu: \"1024\""));
        assertEquals("cpu: is quoted text, not a number", cpu.problem());
        assertEquals("remove the quotes: cpu: 1024", cpu.fix());
    }

    @Test
    void aNumberFieldsHintNamesAValueThatFieldAccepts() {
        SpecProblem port = onlyError(EXAMPLE.replace("port: 8080", "port: https"));
        assertEquals("port: must be a whole number from 1 to 65535", port.problem());
        assertTrue(port.fix().endsWith("e.g. 8080"), port.fix());
        SpecProblem cpu = onlyError(EXAMPLE.replace("cpu: 512", "cpu: one"));
        assertTrue(cpu.fix().startsWith("use one of 256, 512, 1024, 2048, 4096, 8192, 16384"), cpu.fix());
        SpecProblem interval = onlyError(EXAMPLE.replace("intervalSeconds: 30", "intervalSeconds: \"15\""));
        assertTrue(interval.fix().startsWith("use one of 10, 30"), interval.fix());
        SpecProblem threshold = onlyError(EXAMPLE.replace("thresholdCount: 3", "thresholdCount: 0"));
        assertTrue(threshold.fix().endsWith("from 1 to 10, without quotes or a unit, e.g. 3"), threshold.fix());
    }

    @Test
    void minAboveDesiredPointsAtMinAndSaysLowerMinOrRaiseDesired() {
        SpecProblem min = onlyError(EXAMPLE.replace("  min: 2", "  min: 3"));
        assertEquals("/tasks/min", min.pointer());
        assertEquals("lower min to 2, or raise desired to 3", min.fix());
        SpecProblem desired = onlyError(EXAMPLE.replace("  desired: 2", "  desired: 11"));
        assertEquals("/tasks/desired", desired.pointer());
        assertEquals("lower desired to 10, or raise max to 11", desired.fix());
        SpecProblem max = onlyError(EXAMPLE.replace("  max: 10", "  max: 1"));
        assertEquals("/tasks/min", max.pointer());
        assertEquals("lower min to at most 1, or raise max to at least 2", max.fix());
    }

    @Test
    void whatFollowsFromAnErrorIsNotReportedAgain() {
        // A region that is not a mapping has no name, VPC or store to check: one error, not four.
        String text = EXAMPLE.replaceFirst(
                "  - name: us-east-1\n    vpcId: vpc-0123456789abcdef0\n"
                        + "    subnetIds: \\[subnet-0123456789abcdef0, subnet-0123456789abcdef1\\]\n",
                "  - us-east-1\n  - name: us-east-2\n    vpcId: vpc-0123456789abcdef0\n"
                        + "    subnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]\n");
        SpecProblem region = onlyError(text);
        assertEquals("/regions/0", region.pointer());
        // An invalid cpu is not judged again against memory.
        SpecProblem cpu = onlyError(EXAMPLE.replace("cpu: 512", "cpu: 500"));
        assertEquals("/cpu", cpu.pointer());
    }

    @Test
    void twoMissingFieldsOfOneMappingAreBothReported() {
        SpecCheck check = SpecParser.check("landfall.yaml", EXAMPLE.replace("  desired: 2\n  min: 2\n", ""));
        assertEquals(
                List.of("/tasks/desired", "/tasks/min"),
                check.errors().stream().map(SpecProblem::pointer).toList());
        assertEquals("tasks.desired: is missing", check.errors().get(0).problem());
    }

    @Test
    void aWarningIsLocatedAndDoesNotRefuseTheSpec() {
        SpecCheck check = SpecParser.check("landfall.yaml", EXAMPLE.replace("api:1.0.0", "api:latest"));
        assertEquals(List.of(), check.errors());
        SpecProblem warning = check.warnings().get(0);
        assertEquals("landfall.yaml:9:8", warning.where());
        assertTrue(warning.problem().startsWith("image: "), warning.problem());
        assertEquals("api", check.spec().name());
        assertEquals(
                1,
                SpecParser.check("landfall.yaml", EXAMPLE.replace(":1.0.0", ""))
                        .warnings()
                        .size());
        assertEquals(List.of(), SpecParser.check("landfall.yaml", EXAMPLE).warnings());
    }

    @Test
    void oneErrorKeepsTheOneLineForm() {
        LandfallException e = assertThrows(
                LandfallException.class,
                () -> SpecParser.parse("landfall.yaml", EXAMPLE.replace("port: 8080", "port: 0")));
        assertEquals("landfall.yaml:11:7: port: must be a whole number from 1 to 65535", e.getMessage());
        assertEquals(
                "write a whole number from 1 to 65535, without quotes or a unit, e.g. 8080",
                e.hint().orElseThrow());
    }

    private static SpecProblem onlyError(String text) {
        List<SpecProblem> errors = SpecParser.check("landfall.yaml", text).errors();
        assertEquals(1, errors.size(), errors.toString());
        return errors.get(0);
    }
}
