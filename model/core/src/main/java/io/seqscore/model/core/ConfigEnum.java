package io.seqscore.model.core;

import java.util.Locale;

/** An enum a setting chooses, named in the setting by its constant's name in lower case ({@code dlq}, {@code key}). */
public interface ConfigEnum {
    String name();

    /** The constant as a setting names it. */
    default String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constant of {@code type} that {@code value} names.
     *
     * @throws IllegalArgumentException when it names none
     */
    static <E extends Enum<E> & ConfigEnum> E ofConfigValue(Class<E> type, String value) {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }
}
