package org.vogstream.detect.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enum constants as records and settings spell them: lower case, refused with the list of choices. */
public final class JsonNames {
    private JsonNames() {}

    public static String of(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** The constant spelled {@code text}; fails naming {@code what} and the choices. */
    public static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
        for (E e : type.getEnumConstants()) {
            if (of(e).equals(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException(what + " '" + text + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(JsonNames::of).collect(Collectors.joining(", ")));
    }
}
