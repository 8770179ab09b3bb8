package io.seqscore.model.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An enum a setting chooses, named in the setting by its constant's name in lower case ({@code dlq}, {@code key}). */
public interface ConfigEnum {
    String name();

    /** The constant as a setting names it. */
    default String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constant of {@code type} that {@code value} names (in any case).
     *
     * @throws IllegalArgumentException naming the values allowed, when it names none
     */
    static <E extends Enum<E> & ConfigEnum> E ofConfigValue(Class<E> type, String value) {
        return ofConfigValue(type, value, "a setting");
    }

    /**
     * As {@link #ofConfigValue(Class, String)}, the message naming the setting.
     *
     * @throws IllegalArgumentException "SETTING: 'value' is none of ...", when it names none
     */
    static <E extends Enum<E> & ConfigEnum> E ofConfigValue(Class<E> type, String value, String setting) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.configValue().equals(lower)) {
                return e;
            }
        }
        throw new IllegalArgumentException(setting + ": '" + value + "' is none of " + Arrays.stream(type.getEnumConstants())
                .map(ConfigEnum::configValue).collect(Collectors.joining(", ")));
    }
}
