package org.vogstream.core.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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
        ObjectNode q = n.putObject("quantiles");
        ArrayNode levels = q.putArray("levels");
        ArrayNode values = q.putArray("values");
        for (int i = 0; i < s.quantiles().levels().length; i++) {
            levels.add(s.quantiles().levels()[i]);
            values.add(s.quantiles().values()[i]);
        }
        return n;
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
        JsonNode q = field(n, "quantiles");
        double[] levels = doubles(field(q, "levels"), "quantiles.levels");
        double[] values = doubles(field(q, "values"), "quantiles.values");
        long count = field(n, "count").asLong();
        double std = number(n, "std");
        if (count < 1 || std < 0) {
            throw new IllegalArgumentException("count must be ≥ 1 and std ≥ 0, got count " + count + ", std " + std);
        }
        return new ClassStats(key, Labels.parse(text(n, "labels")), count, minCount, number(n, "mean"), std,
                new QuantileGrid(levels, values));
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
        JsonNode root = MAPPER.readTree(file.toFile());
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
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field '" + name + "'");
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
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
