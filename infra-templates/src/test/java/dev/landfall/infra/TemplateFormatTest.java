package dev.landfall.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.landfall.core.error.LandfallException;
import org.junit.jupiter.api.Test;

class TemplateFormatTest {
    @Test
    void readsACommaListInAnyCaseAndOrder() {
        assertThat(TemplateFormat.parseList("Terraform, cloudformation,terraform"))
                .containsExactly(TemplateFormat.CLOUDFORMATION, TemplateFormat.TERRAFORM);
        assertThat(TemplateGenerator.names(TemplateFormat.parseList("cutover-worker,compose")))
                .isEqualTo("compose, cutover-worker");
    }

    @Test
    void refusesAnUnknownFormatByName() {
        assertThatThrownBy(() -> TemplateFormat.parseList("cloudformation,helm"))
                .isInstanceOf(LandfallException.class)
                .hasMessageContaining("--format helm is not a template format");
    }
}
