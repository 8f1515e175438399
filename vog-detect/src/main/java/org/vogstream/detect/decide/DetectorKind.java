package org.vogstream.detect.decide;

import org.vogstream.detect.stats.JsonNamed;

/** Which score decides an alert. Every scored record carries all of them, so the choice can be audited. */
public enum DetectorKind implements JsonNamed {
    /** The VoG map score and energy fused by Fisher's method: the default. */
    FUSED,
    /** The class-normalized VoG map score alone. */
    VOG_MAP,
    /** The paper's scalar VoG z, read with a tail: kept for comparison. */
    VOG;

    public static DetectorKind parse(String text) {
        return JsonNamed.parse(DetectorKind.class, text, "detector");
    }
}
