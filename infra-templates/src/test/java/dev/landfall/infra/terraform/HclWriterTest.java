package dev.landfall.infra.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HclWriterTest {
    @Test
    void stringsAreEscapedPerHcl() {
        assertEquals("\"plain\"", HclWriter.string("plain"));
        assertEquals("\"a\\\"b\"", HclWriter.string("a\"b"));
        assertEquals("\"a\\\\b\"", HclWriter.string("a\\b"));
        assertEquals("\"a\\nb\\tc\\rd\"", HclWriter.string("a\nb\tc\rd"));
        assertEquals("\"$${var.x} and %%{ if }\"", HclWriter.string("${var.x} and %{ if }"));
        assertEquals("\"$5 and 100% and $$\"", HclWriter.string("$5 and 100% and $$"));
        assertEquals("\"\\u0001\"", HclWriter.string("\u0001"));
    }

    @Test
    void escapedStringsReadBackAsLiteralCode() {
        String tricky = "x\" = var.evil # ${aws_lb.x.arn} \\";
        HclStructure parsed = new HclStructure("a = " + HclWriter.string(tricky) + "\n");
        assertEquals(List.of(), List.copyOf(parsed.variableReferences()));
        assertEquals(List.of(), List.copyOf(parsed.resourceReferences()));
    }

    @Test
    void blocksNestAndMustBeClosed() {
        HclWriter w = new HclWriter()
                .block("resource", "aws_lb", "this")
                .literal("name", "x")
                .attribute("count", 1)
                .block("nested")
                .attribute("on", true)
                .close()
                .close();
        assertEquals(
                "resource \"aws_lb\" \"this\" {\n  name  = \"x\"\n  count = 1\n  nested {\n    on = true\n  }\n}\n",
                w.text());
        assertThrows(
                IllegalStateException.class, () -> new HclWriter().block("a").text());
        assertThrows(IllegalStateException.class, () -> new HclWriter().close());
    }

    /** terraform fmt lines up the "=" of consecutive one-line attributes; anything else ends the run. */
    @Test
    void equalsSignsLineUpAsTerraformFmtWants() {
        String text = new HclWriter()
                .block("resource", "aws_lb", "this")
                .attribute("name", "\"x\"")
                .attribute("load_balancer_type", "\"network\"")
                .open("tags = {")
                .attribute("a", "1")
                .attribute("bb", "2")
                .close()
                .attribute("internal", false)
                .attribute("subnets", "var.subnets")
                .comment("a comment ends a run too")
                .attribute("x", 1)
                .blankLine()
                .attribute("yyy", 2)
                .block("health_check")
                .attribute("port", 80)
                .close()
                .close()
                .text();
        assertEquals("""
                resource "aws_lb" "this" {
                  name               = "x"
                  load_balancer_type = "network"
                  tags = {
                    a  = 1
                    bb = 2
                  }
                  internal = false
                  subnets  = var.subnets
                  # a comment ends a run too
                  x = 1

                  yyy = 2
                  health_check {
                    port = 80
                  }
                }
                """, text);
    }

    @Test
    void listsAndMapsOfLiterals() {
        assertEquals("[\"a\", \"b\\\"\"]", HclWriter.stringList(List.of("a", "b\"")));
        Map<String, String> map = new TreeMap<>(Map.of("K", "v", "A", "$${"));
        assertEquals("{ \"A\" = \"$$${\", \"K\" = \"v\" }", HclWriter.stringMap(map));
        assertEquals("{}", HclWriter.stringMap(Map.of()));
    }
}
