package org.vogstream.detect.stats;

/** Which class an example's VoG was taken for and grouped by. */
public enum Labels implements JsonNamed {
    /** The latest checkpoint's prediction, as in streaming. */
    PREDICTED,
    /** The reference set's true label. */
    TRUE;

    public static Labels parse(String text) {
        return JsonNamed.parse(Labels.class, text, "labels");
    }
}
