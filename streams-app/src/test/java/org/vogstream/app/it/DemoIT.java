package org.vogstream.app.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.vogstream.app.demo.DemoRun;
import org.vogstream.app.demo.DemoSummary;
import org.vogstream.app.testing.Digits;

/** vog demo, in-process for 20 s: corrupted inputs must alert far more often than clean ones. */
class DemoIT {
    @Test
    void shouldAlertOnCorruptedTrafficMuchMoreThanOnCleanTraffic() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DemoSummary s = DemoRun.run(new DemoRun.Options(Digits.MODEL_DIR, 0, true, Duration.ofSeconds(20), 300, "none"),
                new SimpleMeterRegistry(), new PrintStream(printed, true, StandardCharsets.UTF_8), new CountDownLatch(1));
        String out = printed.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        assertTrue(out.startsWith("Kafka bootstrap servers: localhost:"), out);
        assertTrue(s.scored() > 0.9 * s.sent() * 0.97 - 300, "most traffic scored within the run: " + s.line());
        assertTrue(s.deadLetters() > 0, "malformed records reached the dead-letter topic");
        assertTrue(s.alertRateOut() >= 0.05, s.line());
        assertTrue(s.alertRateOut() >= 5 * s.alertRateIn(), s.line());
    }
}
