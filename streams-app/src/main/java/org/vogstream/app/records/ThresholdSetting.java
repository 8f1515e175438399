package org.vogstream.app.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.vogstream.core.stats.Tail;
import org.vogstream.core.stats.Threshold;

/**
 * A value on the {@code vog-config} topic: {@code {"z_threshold": 3.5}} or
 * {@code {"target_fpr": 0.001}}, with an optional {@code "tail": "upper" | "lower" | "both"}
 * (default upper: high z is atypical) and an optional {@code "enabled": false} that silences
 * alerts for the scope.
 *
 * @param threshold the threshold
 * @param tail which side(s) of the class's distribution alert
 * @param enabled whether the scope raises alerts at all
 */
public record ThresholdSetting(Threshold threshold, Tail tail, boolean enabled) {
    /** Parses and validates a value; the message names what is wrong. */
    public static ThresholdSetting parse(byte[] value) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(value);
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
            if (!f.equals("z_threshold") && !f.equals("target_fpr") && !f.equals("enabled") && !f.equals("tail")) {
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
        return new ThresholdSetting(t, tail == null ? Tail.UPPER : Tail.parse(tail.asText()), enabled == null || enabled.asBoolean());
    }
}
