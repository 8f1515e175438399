package org.vogstream.core.stats;

import java.util.Locale;

/** Which class an example's VoG was taken for and grouped by. */
public enum Labels {
    /** The latest checkpoint's prediction, as in streaming. */
    PREDICTED,
    /** The reference set's true label. */
    TRUE;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Labels parse(String text) {
        for (Labels l : values()) {
            if (l.json().equals(text)) {
                return l;
            }
        }
        throw new IllegalArgumentException("labels '" + text + "' is not one of predicted, true");
    }
}
