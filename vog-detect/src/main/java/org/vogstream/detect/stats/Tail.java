package org.vogstream.detect.stats;

/**
 * Which side of the class's VoG distribution counts as out of distribution. docs/design.md §1 reads high
 * z as atypical ({@link #UPPER}, the default); on the bundled MNIST LeNet, corrupted and noise
 * inputs score mostly below their class's VoG, so {@link #LOWER} and {@link #BOTH} are offered too.
 */
public enum Tail implements JsonNamed {
    UPPER, LOWER, BOTH;

    public static Tail parse(String text) {
        return JsonNamed.parse(Tail.class, text, "tail");
    }
}
