package io.seqscore.app.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Picks the model name for an event, first that applies:
 * <ol>
 *   <li>the event attribute named by {@code attribute} (when configured, present and not empty) — its
 *       value is the model name;</li>
 *   <li>the first routing rule, in configured order, whose key glob ({@link KeyGlob}) matches the whole
 *       series key;</li>
 *   <li>the default model.</li>
 * </ol>
 * Rules are written {@code glob=model} (split at the last {@code =}). Thread-safe and allocation-free.
 */
public final class ModelRouter {
    /** One rule: keys matching the glob go to the model. */
    public record Rule(KeyGlob keys, String model) {
        public Rule {
            Objects.requireNonNull(keys, "keys");
            if (model == null || model.isEmpty()) {
                throw new IllegalArgumentException("a routing rule needs a model name");
            }
        }

        @Override
        public String toString() {
            return keys + "=" + model;
        }
    }

    private final String defaultModel;
    private final Rule[] rules;
    private final String attribute;

    /** @param attribute the event attribute naming the model, or null for none */
    public ModelRouter(String defaultModel, List<Rule> rules, String attribute) {
        if (defaultModel == null || defaultModel.isEmpty()) {
            throw new IllegalArgumentException("the default model name must not be empty");
        }
        if (attribute != null && attribute.isEmpty()) {
            throw new IllegalArgumentException("the routing attribute must not be empty (null for none)");
        }
        this.defaultModel = defaultModel;
        this.rules = rules.toArray(new Rule[0]);
        this.attribute = attribute;
    }

    /** Every key to one model. */
    public static ModelRouter single(String model) {
        return new ModelRouter(model, List.of(), null);
    }

    /**
     * Parses rules written {@code glob=model}.
     *
     * @throws IllegalArgumentException naming the rule that is not of that form
     */
    public static List<Rule> parseRules(List<String> specs) {
        List<Rule> out = new ArrayList<>(specs.size());
        for (String spec : specs) {
            int eq = spec.lastIndexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new IllegalArgumentException("routing rule '" + spec + "' is not of the form glob=model");
            }
            out.add(new Rule(KeyGlob.compile(spec.substring(0, eq).trim()), spec.substring(eq + 1).trim()));
        }
        return out;
    }

    /** The model that scores this event of {@code key}; {@code attributes} may be null. */
    public String modelFor(String key, Map<String, String> attributes) {
        if (attribute != null && attributes != null) {
            String named = attributes.get(attribute);
            if (named != null && !named.isEmpty()) {
                return named;
            }
        }
        for (Rule rule : rules) {
            if (rule.keys().matches(key)) {
                return rule.model();
            }
        }
        return defaultModel;
    }

    public String defaultModel() {
        return defaultModel;
    }

    public List<Rule> rules() {
        return List.of(rules);
    }

    /** The attribute naming the model, or null. */
    public String attribute() {
        return attribute;
    }
}
