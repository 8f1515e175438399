package org.vogstream.detect.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An enum whose constants records and settings spell in lower case; a wrong spelling is refused with the choices. */
public interface JsonNamed {
    /** The constant's name ({@link Enum#name()}). */
    String name();

    default String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant spelled {@code text}; fails naming {@code what} and the choices. */
    static <E extends Enum<E> & JsonNamed> E parse(Class<E> type, String text, String what) {
        for (E e : type.getEnumConstants()) {
            if (e.json().equals(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException(what + " '" + text + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(JsonNamed::json).collect(Collectors.joining(", ")));
    }
}
