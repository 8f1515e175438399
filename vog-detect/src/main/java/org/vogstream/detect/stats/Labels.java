package org.vogstream.detect.stats;

/** Which class an example's VoG was taken for and grouped by. */
public enum Labels {
    /** The latest checkpoint's prediction, as in streaming. */
    PREDICTED,
    /** The reference set's true label. */
    TRUE;

    public String json() {
        return JsonNames.of(this);
    }

    public static Labels parse(String text) {
        return JsonNames.parse(Labels.class, text, "labels");
    }
}
