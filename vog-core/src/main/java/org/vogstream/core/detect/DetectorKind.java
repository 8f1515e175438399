package org.vogstream.core.detect;

import java.util.Locale;

/** Which score decides an alert. Every scored record carries all of them, so the choice can be audited. */
public enum DetectorKind {
    /** The VoG map score and energy fused by Fisher's method: the default. */
    FUSED,
    /** The class-normalized VoG map score alone. */
    VOG_MAP,
    /** The paper's scalar VoG z, read with a tail: kept for comparison. */
    VOG;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DetectorKind parse(String text) {
        for (DetectorKind k : values()) {
            if (k.json().equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("detector '" + text + "' is not one of fused, vog_map, vog");
    }
}
