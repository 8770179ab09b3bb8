package io.seqscore.trainer.cli;

import io.seqscore.trainer.source.Timestamps;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Option value converters; each failure is a {@link TypeConversionException} with a one-line message. */
final class Converters {
    private Converters() {
    }

    /** An instant: epoch milliseconds or an ISO-8601 date-time (UTC unless it has an offset) → epoch ms. */
    static final class Time implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Timestamps.parse(value, ZoneOffset.UTC);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A duration: milliseconds ({@code 1500}), a number with a unit ({@code 500ms 30s 5m 2h 1d}) or ISO-8601 ({@code PT1H}). */
    static final class Millis implements ITypeConverter<Duration> {
        private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.matches("\\d+")) {
                return Duration.ofMillis(Long.parseLong(v));
            }
            Matcher m = WITH_UNIT.matcher(v);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            try {
                Duration d = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
                if (d.isNegative()) {
                    throw new TypeConversionException("duration must not be negative: '" + value + "'");
                }
                return d;
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a duration (e.g. 1500, 30s, 5m, 2h, 1d, PT1H)");
            }
        }
    }

    /** An enum constant named case-insensitively with '-' for '_' ({@code per-key} for PER_KEY); aliases first. */
    static <E extends Enum<E>> ITypeConverter<E> enumOf(Class<E> type, String... aliases) {
        return value -> {
            String v = value.trim().toLowerCase(Locale.ROOT);
            for (int i = 0; i + 1 < aliases.length; i += 2) {
                if (aliases[i].equals(v)) {
                    return Enum.valueOf(type, aliases[i + 1]);
                }
            }
            for (E e : type.getEnumConstants()) {
                if (spelling(e).equals(v) || e.name().toLowerCase(Locale.ROOT).equals(v)) {
                    return e;
                }
            }
            StringBuilder expected = new StringBuilder();
            for (E e : type.getEnumConstants()) {
                expected.append(expected.length() == 0 ? "" : ", ").append(spelling(e));
            }
            throw new TypeConversionException("'" + value + "' is not one of " + expected);
        };
    }

    /** The command-line spelling of an enum constant: lower case with '-'. */
    static String spelling(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
