package org.vogstream.app.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vogstream.app.metrics.VogMetrics;
import org.vogstream.app.testing.Digits;
import org.vogstream.core.compile.ModelSetId;
import org.vogstream.core.data.TensorDtype;
import org.vogstream.core.score.InputScaling;
import org.vogstream.core.score.ScorerConfig;

/**
 * The watcher on a real checkpoint directory with real compiles: a checkpoint being written is not
 * read, a corrupt one keeps the set in force (one failure counted, not one a poll), and a
 * complete one is compiled and put in force.
 */
class ModelWatcherTest {
    @TempDir
    Path dir;

    private final VogMetrics metrics = new VogMetrics(new SimpleMeterRegistry());
    private final List<String> loaded = new ArrayList<>();
    private ModelRegistry registry;
    private ModelWatcher watcher;
    private String original;

    @BeforeEach
    void checkpoints() throws Exception {
        for (String name : List.of("ck-005.onnx", "ck-010.onnx", "ck-015.onnx")) {
            Files.copy(Digits.MODEL_DIR.resolve(name), dir.resolve(name));
        }
        registry = ModelRegistry.load(Map.of("mnist", dir), ScorerConfig.defaults());
        original = id();
        watcher = new ModelWatcher(registry, Map.of("mnist", dir), ScorerConfig.defaults(), metrics,
                (model, scorer) -> loaded.add(model + " " + scorer.modelSet().id()));
    }

    @AfterEach
    void close() {
        watcher.close();
        registry.close();
    }

    private String id() {
        return registry.scorer("mnist").orElseThrow().modelSet().id();
    }

    private double reloads(String result) {
        return metrics.registry().find("vog.model.reloads").tags("model", "mnist", "result", result).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    @Test
    void shouldKeepTheSetInForceWhileACheckpointIsWrittenOrCorruptAndSwapOnceItIsComplete() throws Exception {
        byte[] full = Files.readAllBytes(Digits.MODEL_DIR.resolve("ck-005.onnx"));
        Path next = dir.resolve("ck-020.onnx");
        Files.write(next, Arrays.copyOf(full, full.length / 2));
        watcher.poll();
        assertEquals(original, id());
        assertEquals(0, reloads("failed"), "a file seen for the first time is not read: it may still grow");

        // the writer stopped half-way: unchanged a poll later, it is read, and refused
        watcher.poll();
        assertEquals(original, id(), "a corrupt checkpoint keeps the set in force");
        assertEquals(1, reloads("failed"));
        watcher.poll();
        assertEquals(1, reloads("failed"), "counted once, not at every poll");

        Files.write(next, full);
        Files.setLastModifiedTime(next, FileTime.fromMillis(System.currentTimeMillis() + 1_000));
        watcher.poll();
        assertEquals(original, id(), "changed since the last poll: waits for it to stay put");
        watcher.poll();
        String expected = ModelSetId.of(List.of(dir.resolve("ck-010.onnx"), dir.resolve("ck-015.onnx"), next));
        assertNotEquals(original, expected);
        assertEquals(expected, id(), "the new last three in force");
        assertEquals(List.of("mnist " + expected), loaded);
        assertEquals(1, reloads("loaded"));
        assertEquals(1, registry.scorer("mnist").orElseThrow().score(List.of(Digits.pixels(0))).size(),
                "the new scorer scores");
        watcher.poll();
        assertEquals(1, reloads("loaded"), "the set in force is not compiled again");
    }

    @Test
    void shouldReadTheInputJsonOfTheDirectoryWithEachReloadedSet() throws Exception {
        assertTrue(registry.scorer("mnist").orElseThrow().modelSet().input().refusal(TensorDtype.UINT8).isPresent(),
                "no input.json: no uint8");
        Files.copy(Digits.MODEL_DIR.resolve(InputScaling.FILE), dir.resolve(InputScaling.FILE));
        Files.copy(Digits.MODEL_DIR.resolve("ck-005.onnx"), dir.resolve("ck-020.onnx"));
        watcher.poll();
        watcher.poll();
        assertNotEquals(original, id());
        InputScaling input = registry.scorer("mnist").orElseThrow().modelSet().input();
        assertArrayEquals(Digits.pixels(3), input.modelInput(TensorDtype.UINT8, Digits.bytes(3), () -> "digit 3"),
                "the reloaded set scales uint8 as its input.json says");
    }

    @Test
    void shouldKeepTheSetInForceWhenTheDirectoryNoLongerHoldsThreeCheckpoints() throws Exception {
        Files.delete(dir.resolve("ck-005.onnx"));
        watcher.poll();
        assertEquals(original, id());
        assertEquals(1, reloads("failed"), "two checkpoints left: refused, the set in force stays");
        watcher.poll();
        assertEquals(1, reloads("failed"));
        assertTrue(registry.scorer("mnist").isPresent());
    }
}
