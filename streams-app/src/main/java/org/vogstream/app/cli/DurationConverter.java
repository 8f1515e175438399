package org.vogstream.app.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A flag's duration: {@code 500ms}, {@code 30s} (or plain seconds), {@code 2m}; zero and negative ones are refused. */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            } else {
                d = Duration.ofSeconds(Long.parseLong(t));
            }
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a duration like 30s, 2m or 500ms");
        }
        if (d.isNegative() || d.isZero()) {
            throw new TypeConversionException("'" + text + "' is not a positive duration");
        }
        return d;
    }
}
