package org.vogstream.app.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.vogstream.app.model.ModelRegistry;
import org.vogstream.app.records.Json;
import org.vogstream.core.score.ModelSet;
import org.vogstream.detect.stats.ClassStatsKey;

/**
 * The body of {@code GET /models}: each model's set in force, its checkpoints, and whether its
 * statistics are in the store ({@code calibrated}), being computed from its reference set
 * ({@code calibrating}) or neither ({@code uncalibrated}: its events are scored but never alert).
 */
public final class ModelsView implements Supplier<ArrayNode> {
    private final ModelRegistry models;
    private final Predicate<String> hasStats;
    private final Function<String, Optional<String>> selfCalibration;

    /**
     * @param hasStats whether the statistics store holds a model set's
     * @param selfCalibration what became of a set's calibration on its reference set, if one was asked for
     */
    public ModelsView(ModelRegistry models, Predicate<String> hasStats, Function<String, Optional<String>> selfCalibration) {
        this.models = models;
        this.hasStats = hasStats;
        this.selfCalibration = selfCalibration;
    }

    /** Whether the class statistics store holds statistics of the set: its pooled record, or that of any class. */
    public static boolean hasStats(ReadOnlyKeyValueStore<String, byte[]> store, String modelSet, int classes) {
        if (store.get(ClassStatsKey.pooled(modelSet).toString()) != null) {
            return true;
        }
        for (int c = 0; c < classes; c++) {
            if (store.get(ClassStatsKey.of(modelSet, c).toString()) != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public ArrayNode get() {
        ArrayNode out = Json.MAPPER.createArrayNode();
        models.all().forEach((name, scorer) -> {
            ModelSet set = scorer.modelSet();
            ObjectNode n = out.addObject();
            n.put("model", name);
            n.put("model_set", set.id());
            n.put("classes", set.classes());
            ArrayNode shape = n.putArray("input_shape");
            for (long d : set.exampleDims()) {
                shape.add(d);
            }
            ArrayNode files = n.putArray("checkpoints");
            set.checkpoints().forEach(p -> files.add(String.valueOf(p.getFileName())));
            Optional<String> self = selfCalibration.apply(set.id());
            boolean present = hasStats.test(set.id());
            n.put("statistics", present ? "calibrated" : self.filter(s -> s.equals("pending")).isPresent() ? "calibrating"
                    : "uncalibrated");
            self.ifPresent(s -> n.put("self_calibration", s.startsWith("failed") ? "failed" : s));
        });
        return out;
    }
}
