package org.vogstream.core.cli;

/**
 * The check of a flag's value once picocli has parsed it, so that every command words a refusal the
 * same way ({@code --FLAG must be WHAT, got VALUE}): the docs and tests quote these lines.
 */
public final class FlagCheck {
    private FlagCheck() {}

    /**
     * @param ok whether the value is acceptable
     * @param must what it must be, as the message says it ("0 or more", "more than 0")
     */
    public static void require(boolean ok, String flag, String must, Object got) {
        if (!ok) {
            throw new IllegalArgumentException(flag + " must be " + must + ", got " + got);
        }
    }

    /** {@code --FLAG must be at least MIN, got VALUE} unless {@code value >= min}. */
    public static void atLeast(String flag, long value, long min) {
        require(value >= min, flag, "at least " + min, value);
    }
}
