package org.vogstream.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.vogstream.app.query.ApiException;
import org.vogstream.app.query.Entries;
import org.vogstream.app.query.QueryApi;
import org.vogstream.app.query.RecentEntry;
import org.vogstream.core.data.InferenceEventCodec;
import org.vogstream.core.data.InvalidEventException;
import org.vogstream.detect.heatmap.Heatmap;
import org.vogstream.detect.heatmap.HeatmapImage;

/**
 * {@code /alerts/{event_id}/input.png} and {@code /alerts/{event_id}/heatmap.png}: a recent alert's
 * input, and its heatmap over it, drawn from what the recent-alerts store keeps (the input of an
 * image up to 64×64, the heatmap of the alert record). Without {@code model} and {@code class} the
 * {@value QueryApi#MAX_LIMIT} newest alerts are searched; with them, that class's.
 */
final class AlertImages {
    /** About this many pixels a side: a 28×28 digit at 8 pixels a pixel. */
    static final int SIDE = 224;

    private final Entries entries;
    private final LongSupplier clock;

    AlertImages(Entries entries, LongSupplier clock) {
        this.entries = entries;
        this.clock = clock;
    }

    /** @param kind {@code input} or {@code heatmap} */
    byte[] png(String eventId, String kind, String model, Integer cls) {
        JsonNode alert = find(eventId, model, cls).orElseThrow(() -> ApiException.notFound("no recent alert '" + eventId
                + "'" + (model == null ? " among the " + QueryApi.MAX_LIMIT + " newest (add model= and class= to look"
                        + " further)" : " of model '" + model + "'" + (cls == null ? "" : " class " + cls))));
        JsonNode input = alert.get("input");
        if (input == null) {
            JsonNode source = alert.get("source");
            throw ApiException.notFound("alert '" + eventId + "' keeps no input (only images up to "
                    + RecentEntry.MAX_IMAGE_SIDE + "x" + RecentEntry.MAX_IMAGE_SIDE + " are kept): read it at "
                    + source.get("topic").asText() + "/" + source.get("partition").asInt() + "@"
                    + source.get("offset").asLong());
        }
        long[] dims = longs(input.get("shape"));
        float[] pixels;
        try {
            pixels = InferenceEventCodec.inputValues(input);
        } catch (InvalidEventException e) {
            throw new IllegalStateException("alert '" + eventId + "' keeps an unreadable input: " + e.getMessage(), e);
        }
        if (!HeatmapImage.drawable(dims)) {
            throw ApiException.notFound("alert '" + eventId + "': an input of shape " + input.get("shape") + " is not an image");
        }
        if (kind.equals("input")) {
            return HeatmapImage.inputPng(dims, pixels, SIDE);
        }
        JsonNode heatmap = alert.get("heatmap");
        if (heatmap == null) {
            throw ApiException.notFound("alert '" + eventId + "' has no heatmap (its statistics predate the detector)");
        }
        return HeatmapImage.overlayPng(dims, pixels, heatmap(heatmap), SIDE);
    }

    private Optional<JsonNode> find(String eventId, String model, Integer cls) {
        return entries.alerts(model, cls, QueryApi.MAX_LIMIT, clock.getAsLong()).stream()
                .filter(e -> e.eventId().equals(eventId)).findFirst().map(RecentEntry::json);
    }

    private static Heatmap heatmap(JsonNode n) {
        long[] shape = longs(n.get("shape"));
        JsonNode v = n.get("values");
        float[] values = new float[v.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) v.get(i).asDouble();
        }
        List<Heatmap.Cell> top = new ArrayList<>();
        n.get("top_cells").forEach(c -> top.add(new Heatmap.Cell(c.get("row").asInt(), c.get("col").asInt(),
                (float) c.get("value").asDouble())));
        return new Heatmap(new int[] {(int) shape[0], (int) shape[1]}, values, top);
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}
