package org.vogstream.detect.decide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import org.vogstream.detect.stats.Tail;
import org.vogstream.detect.stats.Threshold;

/**
 * A value on the {@code vog-config} topic: {@code {"target_fpr": 0.01}} (any detector) or
 * {@code {"z_threshold": 3.5}} (the {@code vog} detector only), with an optional
 * {@code "detector": "fused" | "vog_map" | "vog"} (absent: the application's default), an optional
 * {@code "tail": "upper" | "lower" | "both"} for {@code vog} (default upper: high z is atypical) and
 * an optional {@code "enabled": false} that silences alerts for the scope.
 *
 * @param detector which score decides; empty = the application's default
 * @param threshold the threshold
 * @param tail which side(s) of the class's distribution alert
 * @param enabled whether the scope raises alerts at all
 */
public record ThresholdSetting(Optional<DetectorKind> detector, Threshold threshold, Tail tail, boolean enabled) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final java.util.Set<String> FIELDS = java.util.Set.of("z_threshold", "target_fpr", "enabled", "tail",
            "detector");

    /** The default target false-positive rate of the fused and vog_map detectors. */
    public static final double DEFAULT_TARGET_FPR = 0.01;
    /** The default z threshold (upper tail) of the scalar vog detector. */
    public static final double DEFAULT_Z = 3.0;
    /** What decides where nothing is configured: the fused detector at {@link #DEFAULT_TARGET_FPR}. */
    public static final ThresholdSetting DEFAULTS = defaults(DetectorKind.FUSED, DEFAULT_TARGET_FPR, DEFAULT_Z);

    /**
     * What decides where {@code vog-config} says nothing: {@code detector} at {@code targetFpr}, or,
     * for the scalar {@code vog} detector, at {@code z} (upper tail).
     */
    public static ThresholdSetting defaults(DetectorKind detector, double targetFpr, double z) {
        Threshold threshold = detector == DetectorKind.VOG ? new Threshold.ZScore(z) : new Threshold.TargetFpr(targetFpr);
        return new ThresholdSetting(Optional.of(detector), threshold, Tail.UPPER, true);
    }

    /** The detector in force: this setting's, else {@code fallback}. */
    public DetectorKind detectorOr(DetectorKind fallback) {
        return detector.orElse(fallback);
    }

    /** Parses and validates a value; the message names what is wrong. */
    public static ThresholdSetting parse(byte[] value) {
        JsonNode n;
        try {
            n = MAPPER.readTree(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("a threshold value must be a JSON object");
        }
        JsonNode z = n.get("z_threshold");
        JsonNode fpr = n.get("target_fpr");
        if ((z == null) == (fpr == null)) {
            throw new IllegalArgumentException("give exactly one of z_threshold and target_fpr");
        }
        var fields = n.fieldNames();
        while (fields.hasNext()) {
            String f = fields.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown field '" + f + "'");
            }
        }
        JsonNode enabled = n.get("enabled");
        if (enabled != null && !enabled.isBoolean()) {
            throw new IllegalArgumentException("'enabled' must be true or false");
        }
        JsonNode number = z != null ? z : fpr;
        if (!number.isNumber()) {
            throw new IllegalArgumentException("'" + (z != null ? "z_threshold" : "target_fpr") + "' must be a number");
        }
        Threshold t = z != null ? new Threshold.ZScore(z.asDouble()) : new Threshold.TargetFpr(fpr.asDouble());
        JsonNode tail = n.get("tail");
        if (tail != null && !tail.isTextual()) {
            throw new IllegalArgumentException("'tail' must be one of \"upper\", \"lower\", \"both\"");
        }
        JsonNode detector = n.get("detector");
        if (detector != null && !detector.isTextual()) {
            throw new IllegalArgumentException("'detector' must be one of \"fused\", \"vog_map\", \"vog\"");
        }
        Optional<DetectorKind> kind = detector == null ? Optional.empty() : Optional.of(DetectorKind.parse(detector.asText()));
        if (z != null && kind.isPresent() && kind.get() != DetectorKind.VOG) {
            throw new IllegalArgumentException("z_threshold applies to the vog detector only; give target_fpr for "
                    + kind.get().json());
        }
        if (tail != null && kind.isPresent() && kind.get() != DetectorKind.VOG) {
            throw new IllegalArgumentException("'tail' applies to the vog detector only (" + kind.get().json()
                    + " alerts on high scores)");
        }
        // a z threshold or a tail without a detector means the scalar VoG, as it always did
        if ((z != null || tail != null) && kind.isEmpty()) {
            kind = Optional.of(DetectorKind.VOG);
        }
        return new ThresholdSetting(kind, t, tail == null ? Tail.UPPER : Tail.parse(tail.asText()),
                enabled == null || enabled.asBoolean());
    }
}
