package io.seqscore.serde;

import org.apache.kafka.common.config.ConfigException;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/** Resolves the value of {@code key.subject.name.strategy} / {@code value.subject.name.strategy}. */
final class SubjectNameStrategies {
    private static final Map<String, SubjectNameStrategy> BY_NAME = Map.of(
            "TopicNameStrategy", new TopicNameStrategy(),
            "io.seqscore.serde.TopicNameStrategy", new TopicNameStrategy(),
            "io.confluent.kafka.serializers.subject.TopicNameStrategy", new TopicNameStrategy(),
            "RecordNameStrategy", new RecordNameStrategy(),
            "io.seqscore.serde.RecordNameStrategy", new RecordNameStrategy(),
            "io.confluent.kafka.serializers.subject.RecordNameStrategy", new RecordNameStrategy(),
            "TopicRecordNameStrategy", new TopicRecordNameStrategy(),
            "io.seqscore.serde.TopicRecordNameStrategy", new TopicRecordNameStrategy(),
            "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy", new TopicRecordNameStrategy());

    private SubjectNameStrategies() {
    }

    /**
     * The strategy a configuration value names: our class names, Confluent's
     * ({@code io.confluent.kafka.serializers.subject.TopicNameStrategy} etc.), or the bare simple names
     * select the built-in ones; any other name must be a class implementing {@link SubjectNameStrategy}
     * with a public no-argument constructor.
     *
     * @throws ConfigException if the name selects nothing usable
     */
    static SubjectNameStrategy named(String name, String property) {
        String key = name == null ? "" : name.trim();
        SubjectNameStrategy builtIn = BY_NAME.get(key);
        if (builtIn != null) {
            return builtIn;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> type;
        try {
            type = Class.forName(key, true, loader != null ? loader : SubjectNameStrategies.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigException(property, key, "no such subject name strategy; use TopicNameStrategy,"
                    + " RecordNameStrategy or TopicRecordNameStrategy");
        }
        if (!SubjectNameStrategy.class.isAssignableFrom(type)) {
            throw new ConfigException(property, key, "not a " + SubjectNameStrategy.class.getName());
        }
        try {
            return (SubjectNameStrategy) type.getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new ConfigException(property, key, "cannot instantiate: " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new ConfigException(property, key, "cannot instantiate: " + e);
        }
    }
}
