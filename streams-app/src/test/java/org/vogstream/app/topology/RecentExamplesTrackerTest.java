package org.vogstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vogstream.app.query.LocalEntries;
import org.vogstream.app.query.RecentEntry;
import org.vogstream.app.testing.Digits;
import org.vogstream.detect.stats.StatsJson;
import org.vogstream.testsupport.RecordSchemas;

/**
 * The hardest-examples and recent-alerts stores on the real topology: what they answer is what
 * the scored records say it must be (top K by ood_score, newest alerts) within the window, and
 * events that left the window are forgotten, also by the store itself once its time moves on.
 */
class RecentExamplesTrackerTest extends TopologyTestBase {
    private static final long MINUTE = 60_000;
    /** Event times end at the driver's wall clock, so none is clamped as a clock ahead of ours. */
    private static final long T0 = TopologyHarness.START.toEpochMilli() - 120 * MINUTE;
    private static final int EVENTS = 60;

    private TopologyHarness calibrated() throws Exception {
        TopologyHarness h = start(Map.of("batch.size", "8", "hardest.size", "2", "alerts.recent.size", "2",
                "hardest.window.ms", String.valueOf(60 * MINUTE)));
        h.publishStats(StatsJson.read(Digits.MODEL_DIR.resolve("stats.json")));
        // half of each class's reference digits would alert: enough alerts to rank
        h.threshold("*", "{\"detector\": \"fused\", \"target_fpr\": 0.5}");
        return h;
    }

    /** Events i = 0..59, two minutes apart, the last at T0 + 118 min; digits of every class. */
    private static List<JsonNode> sendSpread(TopologyHarness h) {
        for (int i = 0; i < EVENTS; i++) {
            h.send(Digits.json("e-" + i, "mnist", i % Digits.count(), T0 + i * 2 * MINUTE));
        }
        h.tick(Duration.ofSeconds(1));
        List<JsonNode> scored = h.scored();
        assertEquals(EVENTS, scored.size());
        return scored;
    }

    private static long time(JsonNode n) {
        return Instant.parse(n.get("event_time").asText()).toEpochMilli();
    }

    private static List<String> expected(List<JsonNode> scored, Predicate<JsonNode> which, Comparator<JsonNode> order,
            int k) {
        return scored.stream().filter(which).sorted(order.thenComparing(n -> n.get("event_id").asText())).limit(k)
                .map(n -> n.get("event_id").asText()).toList();
    }

    /** As {@link #expected}, each class contributing at most {@code perClass} (what the store keeps of it). */
    private static List<String> expectedCapped(List<JsonNode> scored, Predicate<JsonNode> which, Comparator<JsonNode> order,
            int perClass, int k) {
        Comparator<JsonNode> total = order.thenComparing(n -> n.get("event_id").asText());
        return scored.stream().filter(which).collect(Collectors.groupingBy(n -> n.get("predicted_class").asInt()))
                .values().stream().flatMap(l -> l.stream().sorted(total).limit(perClass)).sorted(total).limit(k)
                .map(n -> n.get("event_id").asText()).toList();
    }

    private static List<String> ids(List<RecentEntry> entries) {
        return entries.stream().map(RecentEntry::eventId).toList();
    }

    private static final Comparator<JsonNode> BY_SCORE = Comparator.<JsonNode>comparingDouble(
            n -> n.get("ood_score").asDouble()).reversed().thenComparing(Comparator.<JsonNode>comparingLong(
            RecentExamplesTrackerTest::time).reversed());
    private static final Comparator<JsonNode> NEWEST = Comparator.<JsonNode>comparingLong(
            RecentExamplesTrackerTest::time).reversed();

    @Test
    void shouldAnswerTheTopKByOodScoreAndTheNewestAlertsWithinTheWindow() throws Exception {
        TopologyHarness h = calibrated();
        List<JsonNode> scored = sendSpread(h);
        long at = T0 + 118 * MINUTE;
        Predicate<JsonNode> inWindow = n -> time(n) > at - 60 * MINUTE;
        Map<Integer, Long> perClass = scored.stream().filter(inWindow).collect(Collectors.groupingBy(
                n -> n.get("predicted_class").asInt(), Collectors.counting()));
        int busiest = perClass.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertTrue(perClass.get(busiest) > 2, "a class with more events in the window than the store keeps: " + perClass);

        LocalEntries entries = h.recentEntries();
        Predicate<JsonNode> ofBusiest = n -> n.get("predicted_class").asInt() == busiest;
        List<RecentEntry> top = entries.hardest("mnist", busiest, 1, at);
        assertEquals(expected(scored, inWindow.and(ofBusiest), BY_SCORE, 1), ids(top));
        assertEquals(expected(scored, inWindow.and(ofBusiest), BY_SCORE, 2), ids(entries.hardest("mnist", busiest, 10, at)),
                "at most hardest.size a class");
        assertEquals(expectedCapped(scored, inWindow, BY_SCORE, 2, 7), ids(entries.hardest("mnist", 7, at)),
                "all classes, each its best hardest.size");
        assertFalse(expected(scored, n -> true, BY_SCORE, 7).equals(expected(scored, inWindow, BY_SCORE, 7)),
                "the window matters to this traffic");

        Predicate<JsonNode> alert = n -> n.get("ood").asBoolean();
        List<String> alerts = expectedCapped(scored, inWindow.and(alert), NEWEST, 2, 5);
        assertTrue(alerts.size() >= 3, "alerts to rank: " + alerts);
        assertEquals(alerts, ids(entries.alerts(null, null, 5, at)));
        assertEquals(expected(scored, inWindow.and(alert).and(ofBusiest), NEWEST, 2),
                ids(entries.alerts("mnist", busiest, 5, at)), "at most alerts.recent.size a class");
        assertTrue(entries.alerts("other", null, 5, at).isEmpty());

        RecentEntry first = top.get(0);
        JsonNode record = scored.stream().filter(n -> n.get("event_id").asText().equals(first.eventId())).findFirst()
                .orElseThrow();
        for (String field : List.of("predicted_class", "ood_score", "ood_percentile", "vog", "model_set", "event_time")) {
            assertEquals(record.get(field), first.json().get(field), field);
        }
        JsonNode input = first.json().get("input");
        assertEquals("[1,28,28]", input.get("shape").toString(), "a 28x28 digit is kept itself");
        assertEquals(784 * 4, java.util.Base64.getDecoder().decode(input.get("data").asText()).length);
        assertEquals(h.config.inputTopic(), first.json().get("source").get("topic").asText());
        RecordSchemas.assertValid("api-entries", org.vogstream.app.records.Json.MAPPER.valueToTree(
                top.stream().map(RecentEntry::json).toList()));
    }

    @Test
    void shouldForgetEventsThatLeftTheWindow() throws Exception {
        TopologyHarness h = calibrated();
        List<JsonNode> scored = sendSpread(h);
        LocalEntries entries = h.recentEntries();
        long end = T0 + 118 * MINUTE;
        assertFalse(entries.hardest("mnist", 25, end).isEmpty());
        assertTrue(entries.hardest("mnist", 25, end + 61 * MINUTE).isEmpty(), "an hour after the last event: nothing");
        assertTrue(entries.alerts(null, null, 25, end + 61 * MINUTE).isEmpty());

        // time moves on in the stores themselves: an event two hours later expires the old buckets
        h.tick(Duration.ofHours(3));
        h.send(Digits.json("late", "mnist", 0, end + 120 * MINUTE));
        h.tick(Duration.ofSeconds(1));
        assertEquals(1, h.scored().size());
        assertTrue(entries.hardest("mnist", 25, end).isEmpty(), "old buckets dropped by the store's retention: "
                + ids(entries.hardest("mnist", 25, end)));
        assertEquals(List.of("late"), ids(entries.hardest("mnist", 25, end + 120 * MINUTE)));
    }
}
