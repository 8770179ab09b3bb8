package io.seqscore.app.routing;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The precedence: the event's attribute, then the first matching rule, then the default. */
class ModelRouterTest {
    private final ModelRouter router = new ModelRouter("general",
            ModelRouter.parseRules(List.of("sensor-eu-*=sensors-eu", "sensor-*=sensors", "host-??=hosts")), "model");

    @Test
    void shouldPreferTheEventAttributeThenTheFirstMatchingRuleThenTheDefault() {
        assertThat(router.modelFor("sensor-eu-7", Map.of("model", "experimental"))).isEqualTo("experimental");
        assertThat(router.modelFor("sensor-eu-7", Map.of())).isEqualTo("sensors-eu");
        assertThat(router.modelFor("sensor-eu-7", null)).isEqualTo("sensors-eu");
        assertThat(router.modelFor("sensor-us-7", Map.of("region", "us"))).isEqualTo("sensors");
        assertThat(router.modelFor("host-01", Map.of("model", ""))).as("an empty attribute does not route")
                .isEqualTo("hosts");
        assertThat(router.modelFor("host-001", null)).isEqualTo("general");
        assertThat(router.modelFor("other", Map.of("model", "x"))).isEqualTo("x");
    }

    @Test
    void shouldIgnoreAttributesWhenNoneIsConfigured() {
        ModelRouter rulesOnly = new ModelRouter("general", ModelRouter.parseRules(List.of("a*=alpha")), null);
        assertThat(rulesOnly.modelFor("abc", Map.of("model", "x"))).isEqualTo("alpha");
        assertThat(ModelRouter.single("only").modelFor("abc", Map.of("model", "x"))).isEqualTo("only");
    }

    @Test
    void shouldParseRulesAtTheLastEqualsSignAndRefuseIncompleteOnes() {
        List<ModelRouter.Rule> rules = ModelRouter.parseRules(List.of("k=v*=model-a", " plain = b "));
        assertThat(rules).extracting(r -> r.keys().toString(), ModelRouter.Rule::model)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("k=v*", "model-a"),
                        org.assertj.core.groups.Tuple.tuple("plain", "b"));
        assertThatThrownBy(() -> ModelRouter.parseRules(List.of("sensor-*"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("routing rule 'sensor-*' is not of the form glob=model");
        assertThatThrownBy(() -> ModelRouter.parseRules(List.of("sensor-*="))).hasMessage(
                "routing rule 'sensor-*=' is not of the form glob=model");
        assertThatThrownBy(() -> ModelRouter.parseRules(List.of("=m"))).hasMessage(
                "routing rule '=m' is not of the form glob=model");
    }
}
