package org.vogstream.app.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Comparator;
import org.vogstream.app.records.Json;
import org.vogstream.app.records.PendingScore;
import org.vogstream.app.records.ScoredEvent;
import org.vogstream.core.data.InferenceEventCodec;

/**
 * One event as the recent-examples stores keep it and the API returns it: its scored-event record
 * ({@code vog-alerts}' record, with {@code reason}, when it alerted), {@code source} (topic,
 * partition, offset: where to read the event again) and, when the input is an image of at most
 * {@value #MAX_IMAGE_SIDE}×{@value #MAX_IMAGE_SIDE}, the {@code input} itself in the inference
 * event's form, so a page can draw it without reading Kafka.
 *
 * @param json the entry as the API writes it
 * @param eventId its {@code event_id}
 * @param oodScore its {@code ood_score}; NaN when its statistics predate the detector
 * @param eventTime its {@code event_time}, epoch milliseconds
 */
public record RecentEntry(ObjectNode json, String eventId, double oodScore, long eventTime) {
    public static final int MAX_IMAGE_SIDE = 64;

    /** Highest {@code ood_score} first; ties by newest, then event id, so every instance ranks alike. */
    public static final Comparator<RecentEntry> HARDEST = Comparator.comparingDouble(RecentEntry::oodScore).reversed()
            .thenComparing(Comparator.comparingLong(RecentEntry::eventTime).reversed())
            .thenComparing(RecentEntry::eventId);
    /** Newest first; ties by event id. */
    public static final Comparator<RecentEntry> NEWEST = Comparator.comparingLong(RecentEntry::eventTime).reversed()
            .thenComparing(RecentEntry::eventId);

    /** The entry of a calibrated event. */
    public static RecentEntry of(ScoredEvent e) {
        ObjectNode n = e.jsonTree();
        PendingScore p = e.event();
        if (smallImage(p.shape())) {
            n.set("input", InferenceEventCodec.inputJson(p.shape(), p.input()));
        }
        ObjectNode source = n.putObject("source");
        source.put("topic", p.source().topic());
        source.put("partition", p.source().partition());
        source.put("offset", p.source().offset());
        return from(n);
    }

    /** {@code [H, W]} or {@code [C, H, W]} with at most 4 channels, both sides at most {@value #MAX_IMAGE_SIDE}. */
    static boolean smallImage(long[] shape) {
        int r = shape.length;
        if (r != 2 && r != 3 || r == 3 && shape[0] > 4) {
            return false;
        }
        return shape[r - 1] <= MAX_IMAGE_SIDE && shape[r - 2] <= MAX_IMAGE_SIDE;
    }

    static RecentEntry from(ObjectNode n) {
        JsonNode score = n.get("ood_score");
        return new RecentEntry(n, n.get("event_id").asText(), score == null ? Double.NaN : score.asDouble(),
                Instant.parse(n.get("event_time").asText()).toEpochMilli());
    }

    public String model() {
        return json.get("model").asText();
    }

    public int predictedClass() {
        return json.get("predicted_class").asInt();
    }

    public boolean ranked() {
        return !Double.isNaN(oodScore);
    }

    public boolean alert() {
        return json.get("ood").asBoolean();
    }

    public byte[] toBytes() {
        return Json.bytes(json);
    }

    public static RecentEntry parse(byte[] bytes) {
        return from((ObjectNode) read(bytes));
    }

    private static JsonNode read(byte[] bytes) {
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("a recent-examples record that is not JSON", e);
        }
    }
}
