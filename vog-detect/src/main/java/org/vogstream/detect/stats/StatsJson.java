package org.vogstream.detect.stats;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.vogstream.core.data.Float32Base64;
import org.vogstream.detect.reference.DetectorStats;
import org.vogstream.detect.reference.MapReference;
import org.vogstream.detect.reference.MapSubspace;
import org.vogstream.detect.reference.QuantileGrid;

/**
 * JSON of class statistics: one record per class (the value on the {@code vog-class-stats} topic,
 * {@code schemas/class-stats.schema.json}), and a file holding all records of one model set.
 */
public final class StatsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatsJson() {}

    public static ObjectNode toJson(ClassStats s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("model_set", s.modelSet());
        n.put("scope", s.pooled() ? "pooled" : "class");
        s.cls().ifPresent(c -> n.put("class", c));
        n.put("labels", s.labels().json());
        n.put("count", s.count());
        n.put("min_count", s.minCount());
        n.put("mean", s.mean());
        n.put("std", s.std());
        putGrid(n.putObject("quantiles"), s.quantiles());
        s.detector().ifPresent(d -> {
            ObjectNode det = n.putObject("detector");
            det.put("count", d.count());
            ObjectNode map = det.putObject("map");
            map.put("offset", d.map().offset());
            ArrayNode shape = map.putArray("shape");
            for (long dim : d.map().dims()) {
                shape.add(dim);
            }
            // float precision is all a map carries (the graph computes it in float32), and halves the record
            ArrayNode mean = map.putArray("mean");
            ArrayNode std = map.putArray("std");
            for (int i = 0; i < d.map().mean().length; i++) {
                mean.add((float) d.map().mean()[i]);
                // a floor of Double.MIN_NORMAL would round to 0 in float and make the record invalid
                std.add(Math.max((float) d.map().std()[i], Float.MIN_NORMAL));
            }
            putSubspace(map.putObject("subspace"), d.map().subspace());
            putGrid(det.putObject("cell_score"), d.cellScore());
            putGrid(det.putObject("subspace_score"), d.subspaceScore());
            putGrid(det.putObject("map_score"), d.mapScore());
            putGrid(det.putObject("neg_energy"), d.negEnergy());
            putGrid(det.putObject("fused"), d.fused());
        });
        return n;
    }

    private static void putSubspace(ObjectNode n, MapSubspace subspace) {
        n.put("directions", subspace.directions());
        // 64 directions of 1,024 cells as JSON numbers would be ~700 KB a record; float32 bytes are 350 KB of base64
        float[] components = new float[subspace.components().length];
        for (int i = 0; i < components.length; i++) {
            components[i] = (float) subspace.components()[i];
        }
        n.put("components", Float32Base64.encode(components));
        ArrayNode variances = n.putArray("variances");
        for (double v : subspace.variances()) {
            variances.add(v);
        }
        ArrayNode residual = n.putArray("residual_std");
        for (double r : subspace.residualStd()) {
            residual.add((float) r);
        }
    }

    private static MapSubspace subspace(JsonNode n, long cells) {
        String at = "detector.map.subspace.";
        JsonNode d = field(n, "directions", at);
        if (!d.isIntegralNumber() || d.asInt() < 0) {
            throw new IllegalArgumentException("field '" + at + "directions' must be a non-negative integer, got " + d);
        }
        int directions = d.asInt();
        JsonNode c = field(n, "components", at);
        if (!c.isTextual()) {
            throw new IllegalArgumentException("field '" + at + "components' must be a base64 string");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(c.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + at + "components' is not base64: " + e.getMessage());
        }
        if (raw.length != 4L * directions * cells) {
            throw new IllegalArgumentException("detector.map.subspace: " + directions + " directions of " + cells
                    + " cells need " + 4L * directions * cells + " bytes of components, got " + raw.length);
        }
        float[] stored = Float32Base64.floats(raw);
        double[] components = new double[stored.length];
        for (int i = 0; i < components.length; i++) {
            components[i] = stored[i];
        }
        double[] variances = doubles(field(n, "variances", at), at + "variances");
        double[] residual = doubles(field(n, "residual_std", at), at + "residual_std");
        if (variances.length != directions || residual.length != cells) {
            throw new IllegalArgumentException("detector.map.subspace: " + directions + " directions of " + cells
                    + " cells, but " + variances.length + " variances and " + residual.length + " residual stds");
        }
        return new MapSubspace(components, variances, residual);
    }

    private static void putGrid(ObjectNode q, QuantileGrid grid) {
        ArrayNode levels = q.putArray("levels");
        ArrayNode values = q.putArray("values");
        for (int i = 0; i < grid.levels().length; i++) {
            levels.add(grid.levels()[i]);
            values.add(grid.values()[i]);
        }
    }

    private static QuantileGrid grid(JsonNode q, String name) {
        return new QuantileGrid(doubles(field(q, "levels"), name + ".levels"), doubles(field(q, "values"), name + ".values"));
    }

    /**
     * Whether a record was written before the detector's subspace statistic (a detector without
     * {@code map.subspace}): its grids are of other scores, so it is read as having no detector.
     */
    public static boolean predatesSubspace(JsonNode record) {
        JsonNode map = record.path("detector").path("map");
        return map.isObject() && !map.has("subspace");
    }

    private static Optional<DetectorStats> detector(JsonNode n) {
        JsonNode det = n.get("detector");
        if (det == null || det.isNull() || predatesSubspace(n)) {
            return Optional.empty();
        }
        JsonNode map = field(det, "map");
        double[] shape = doubles(field(map, "shape"), "detector.map.shape");
        long[] dims = new long[shape.length];
        long cells = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = (long) shape[i];
            if (dims[i] < 1 || dims[i] != shape[i]) {
                throw new IllegalArgumentException("detector.map.shape must hold positive integers, got " + shape[i]);
            }
            cells *= dims[i];
        }
        if (field(map, "mean").size() != cells || field(map, "std").size() != cells) {
            throw new IllegalArgumentException("detector.map: shape " + java.util.Arrays.toString(dims) + " has " + cells
                    + " cells, but mean has " + field(map, "mean").size() + " and std " + field(map, "std").size());
        }
        MapReference reference = new MapReference(dims, number(map, "offset"), doubles(field(map, "mean"), "detector.map.mean"),
                doubles(field(map, "std"), "detector.map.std"), subspace(field(map, "subspace"), cells));
        long count = field(det, "count").asLong();
        if (count < 1) {
            throw new IllegalArgumentException("detector.count must be ≥ 1, got " + count);
        }
        return Optional.of(new DetectorStats(reference, grid(field(det, "cell_score"), "detector.cell_score"),
                grid(field(det, "subspace_score"), "detector.subspace_score"), grid(field(det, "map_score"), "detector.map_score"),
                grid(field(det, "neg_energy"), "detector.neg_energy"), grid(field(det, "fused"), "detector.fused"), count));
    }

    /** Parses one record; an invalid one fails with a message naming the field. */
    public static ClassStats fromJson(JsonNode n) {
        return fromJson(n, ClassStats.DEFAULT_MIN_COUNT);
    }

    /** @param minCountIfAbsent what records written before {@code min_count} travelled with them were made with */
    private static ClassStats fromJson(JsonNode n, int minCountIfAbsent) {
        String scope = text(n, "scope");
        ClassStatsKey key;
        if (scope.equals("class")) {
            key = ClassStatsKey.of(text(n, "model_set"), integer(n, "class"));
        } else if (scope.equals("pooled")) {
            key = ClassStatsKey.pooled(text(n, "model_set"));
        } else {
            throw new IllegalArgumentException("scope must be 'class' or 'pooled', got '" + scope + "'");
        }
        int minCount = n.has("min_count") ? integer(n, "min_count") : minCountIfAbsent;
        long count = field(n, "count").asLong();
        double std = number(n, "std");
        if (count < 1 || std < 0) {
            throw new IllegalArgumentException("count must be ≥ 1 and std ≥ 0, got count " + count + ", std " + std);
        }
        return new ClassStats(key, Labels.parse(text(n, "labels")), count, minCount, number(n, "mean"), std,
                grid(field(n, "quantiles"), "quantiles"), detector(n));
    }

    public static String toJsonString(ClassStats s) {
        return toJson(s).toString();
    }

    public static ClassStats fromJsonString(String json) throws IOException {
        return fromJson(MAPPER.readTree(json));
    }

    public static void write(CalibrationStats stats, Path file) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model_set", stats.modelSet());
        root.put("labels", stats.labels().json());
        root.put("min_count", stats.minCount());
        ArrayNode records = root.putArray("classes");
        stats.classes().values().forEach(s -> records.add(toJson(s)));
        root.set("pooled", toJson(stats.pooled()));
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    public static CalibrationStats read(Path file) throws IOException {
        // java.io's own words ("(No such file or directory)") say neither what the file should be nor where it comes from
        if (!Files.exists(file)) {
            throw new IOException(file + ": no such file; expected statistics written by vog calibrate --out");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": not a file; expected statistics written by vog calibrate --out");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            // Jackson's own message names neither the file nor what was expected in it
            JsonLocation at = e.getLocation();
            throw new IOException(file + ": not JSON (" + e.getOriginalMessage() + (at == null ? "" : " at line "
                    + at.getLineNr() + ", column " + at.getColumnNr()) + "); expected statistics written by vog calibrate", e);
        }
        try {
            Map<Integer, ClassStats> classes = new HashMap<>();
            int minCount = integer(root, "min_count");
            for (JsonNode n : field(root, "classes")) {
                ClassStats s = fromJson(n, minCount);
                classes.put(s.cls().orElseThrow(), s);
            }
            return new CalibrationStats(text(root, "model_set"), Labels.parse(text(root, "labels")),
                    minCount, classes, fromJson(field(root, "pooled"), minCount));
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            throw new IOException(file + ": invalid class statistics (" + e.getMessage() + ")", e);
        }
    }

    private static JsonNode field(JsonNode n, String name) {
        return field(n, name, "");
    }

    /** @param at the path of {@code n} in the record, for the message */
    private static JsonNode field(JsonNode n, String name, String at) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field '" + at + name + "'");
        }
        return v;
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field '" + name + "' must be a string");
        }
        return v.asText();
    }

    private static double number(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isNumber()) {
            throw new IllegalArgumentException("field '" + name + "' must be a number");
        }
        return v.asDouble();
    }

    private static int integer(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isIntegralNumber()) {
            throw new IllegalArgumentException("field '" + name + "' must be an integer");
        }
        return v.asInt();
    }

    private static double[] doubles(JsonNode array, String name) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("field '" + name + "' must be an array");
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            if (!array.get(i).isNumber()) {
                throw new IllegalArgumentException("field '" + name + "' must hold numbers; item " + i + " is " + array.get(i));
            }
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
