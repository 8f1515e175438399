package org.vogstream.core.stats;

import java.util.Locale;

/**
 * Which side of the class's VoG distribution counts as out of distribution. design.md §1 reads high
 * z as atypical ({@link #UPPER}, the default); on the bundled MNIST LeNet, corrupted and noise
 * inputs score mostly below their class's VoG, so {@link #LOWER} and {@link #BOTH} are offered too.
 */
public enum Tail {
    UPPER, LOWER, BOTH;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Tail parse(String text) {
        for (Tail t : values()) {
            if (t.json().equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("tail '" + text + "' is not one of upper, lower, both");
    }
}
