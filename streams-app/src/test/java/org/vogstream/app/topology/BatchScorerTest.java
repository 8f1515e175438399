package org.vogstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vogstream.app.metrics.VogMetrics;
import org.vogstream.app.model.ModelRegistry;
import org.vogstream.app.records.ErrorCode;
import org.vogstream.app.records.SourcePosition;
import org.vogstream.app.testing.Digits;
import org.vogstream.core.data.InferenceEventCodec;
import org.vogstream.core.score.ModelSet;
import org.vogstream.core.score.Score;
import org.vogstream.core.score.Scorer;
import org.vogstream.core.score.ScorerConfig;
import org.vogstream.core.score.VogScorer;
import org.vogstream.detect.decide.Detector;
import org.vogstream.detect.stats.StatsLookup;

/** {@link BatchScorer}, without Kafka: the real scorer of the bundled model set, one wrapped to fail on a poison example. */
class BatchScorerTest {
    /** Scoring is what these tests look at: a detector that finds no class statistics. */
    private static final Detector NO_STATISTICS = new Detector(new StatsLookup(key -> Optional.empty()));

    private static final float POISON = 0.123f;
    private static VogScorer real;

    @BeforeAll
    static void load() {
        real = VogScorer.open(ModelSet.load(Digits.MODEL_DIR), ScorerConfig.defaults());
    }

    @AfterAll
    static void unload() {
        real.close();
    }

    /** The real scorer, recording every call's batch, failing any call that holds a poison example. */
    private static final class Wrapped implements Scorer {
        final List<List<float[]>> calls = new ArrayList<>();
        final List<RuntimeException> thrown = new ArrayList<>();

        @Override
        public ModelSet modelSet() {
            return real.modelSet();
        }

        @Override
        public List<Score> score(List<float[]> examples) {
            calls.add(List.copyOf(examples));
            if (examples.stream().anyMatch(x -> x[0] == POISON)) {
                RuntimeException e = new IllegalStateException("poison example in a batch of " + examples.size());
                thrown.add(e);
                throw e;
            }
            return real.score(examples);
        }

        @Override
        public void close() {}
    }

    private static BatchScorer scorer(Map<String, Scorer> scorers, int batchSize) {
        return new BatchScorer(new ModelRegistry(scorers), new VogMetrics(new SimpleMeterRegistry()), batchSize);
    }

    private static BufferedEvent buffered(String id, String model, float[] pixels, long offset) {
        byte[] raw = InferenceEventCodec.encode(Digits.event(id, model, pixels, 1000 + offset));
        return new BufferedEvent(raw, new SourcePosition("inference-events", 0, offset, null), 1000 + offset);
    }

    private static BufferedEvent digit(String id, String model, int digit, long offset) {
        return buffered(id, model, Digits.pixels(digit), offset);
    }

    private static String id(BatchScorer.Result r) {
        return ((BatchScorer.Scored) r).score().eventId();
    }

    @Test
    void shouldScoreTheOthersAndFailOnlyThePoisonEventWhenAScorerThrowsForOneExample() {
        Wrapped wrapped = new Wrapped();
        BatchScorer scorer = scorer(Map.of("mnist", wrapped), 8);
        float[] poison = Digits.pixels(2);
        poison[0] = POISON;
        List<BufferedEvent> events = List.of(digit("a", "mnist", 0, 0), digit("b", "mnist", 1, 1),
                buffered("poison", "mnist", poison, 2), digit("c", "mnist", 3, 3));

        List<BatchScorer.Result> results = scorer.score(events, NO_STATISTICS);

        assertEquals(4, results.size());
        for (int i = 0; i < 4; i++) {
            assertSame(events.get(i), results.get(i).event(), "results keep buffer order");
        }
        BatchScorer.Failed failed = assertInstanceOf(BatchScorer.Failed.class, results.get(2));
        assertEquals(ErrorCode.SCORING_FAILED, failed.rejection().code());
        assertEquals("mnist", failed.rejection().model().orElseThrow());
        assertTrue(failed.rejection().message().contains("'poison'"), failed.rejection().message());
        assertSame(wrapped.thrown.get(wrapped.thrown.size() - 1), failed.rejection().cause().orElseThrow(),
                "the scorer's own exception is kept");
        int[] digits = {0, 1, -1, 3};
        for (int i : new int[] {0, 1, 3}) {
            BatchScorer.Scored s = assertInstanceOf(BatchScorer.Scored.class, results.get(i));
            Score expected = real.score(List.of(Digits.pixels(digits[i]))).get(0);
            assertEquals(expected.predictedClass(), s.score().score().predictedClass());
            assertEquals(expected.vog(), s.score().score().vog(), 1e-6 * expected.vog());
            assertEquals(real.modelSet().id(), s.score().modelSet());
            assertEquals(1000 + i, s.score().eventTime());
        }
        assertEquals(List.of("a", "b", "c"), List.of(id(results.get(0)), id(results.get(1)), id(results.get(3))));
        assertEquals(5, wrapped.calls.size(), "the failed batch of 4, then each event alone");
        assertEquals(4, wrapped.calls.get(0).size());
        assertTrue(wrapped.calls.subList(1, 5).stream().allMatch(c -> c.size() == 1));
    }

    @Test
    void shouldGroupEventsPerModelWhenABufferHoldsTwoModels() {
        Wrapped a = new Wrapped();
        Wrapped b = new Wrapped();
        BatchScorer scorer = scorer(Map.of("a", a, "b", b), 2);
        List<BufferedEvent> events = List.of(digit("a0", "a", 0, 0), digit("b1", "b", 1, 1), digit("a2", "a", 2, 2),
                digit("b3", "b", 3, 3), digit("a4", "a", 4, 4));

        List<BatchScorer.Result> results = scorer.score(events, NO_STATISTICS);

        assertEquals(List.of("a0", "a2", "a4", "b1", "b3"), results.stream().map(BatchScorerTest::id).toList(),
                "per model, in buffer order within each");
        assertEquals(List.of(2, 1), a.calls.stream().map(List::size).toList(), "model a: batches of at most 2");
        assertEquals(List.of(2), b.calls.stream().map(List::size).toList());
        assertEquals(Digits.pixels(1)[300], b.calls.get(0).get(0)[300]);
        assertEquals(Digits.pixels(3)[300], b.calls.get(0).get(1)[300]);
        for (BatchScorer.Result r : results) {
            BatchScorer.Scored s = (BatchScorer.Scored) r;
            assertEquals(s.score().eventId().substring(0, 1), s.score().model());
        }
    }

    @Test
    void shouldFailEveryEventOfAModelWhenTheModelIsUnknown() {
        Wrapped known = new Wrapped();
        BatchScorer scorer = scorer(Map.of("mnist", known), 8);
        List<BatchScorer.Result> results = scorer.score(List.of(digit("gone-0", "gone", 0, 0),
                digit("kept", "mnist", 1, 1), digit("gone-1", "gone", 2, 2)), NO_STATISTICS);

        assertEquals(3, results.size());
        assertEquals("kept", id(results.get(2)), "grouped per model, models in order of first appearance");
        for (BatchScorer.Result r : results.subList(0, 2)) {
            BatchScorer.Failed f = assertInstanceOf(BatchScorer.Failed.class, r);
            assertEquals(ErrorCode.UNKNOWN_MODEL, f.rejection().code());
            assertEquals("gone", f.rejection().model().orElseThrow());
            assertTrue(f.rejection().message().contains("'gone'"), f.rejection().message());
        }
        assertEquals(1, known.calls.size(), "the unknown model's events never reach a scorer");
    }

    @Test
    void shouldFailAnEventWhenItNoLongerDecodes() {
        BatchScorer scorer = scorer(Map.of("mnist", new Wrapped()), 8);
        BufferedEvent broken = new BufferedEvent("{\"event_id\": ".getBytes(StandardCharsets.UTF_8),
                new SourcePosition("inference-events", 0, 7, null), 1);
        List<BatchScorer.Result> results = scorer.score(List.of(broken, digit("ok", "mnist", 0, 8)), NO_STATISTICS);
        BatchScorer.Failed f = assertInstanceOf(BatchScorer.Failed.class, results.get(0));
        assertEquals(ErrorCode.MALFORMED_JSON, f.rejection().code());
        assertTrue(f.rejection().cause().isPresent(), "the codec's exception is kept");
        assertEquals("ok", id(results.get(1)));
    }
}
