package io.seqscore.serde;

import java.util.List;

/** The registry's answer to a compatibility check; {@code messages} say why not, when the registry tells. */
public record CompatibilityResult(boolean compatible, List<String> messages) {
    public CompatibilityResult {
        messages = List.copyOf(messages);
    }
}
