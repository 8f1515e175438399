package org.vogstream.app.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/** {@link BoundedThreadReplacement} on a clock the test moves. */
class BoundedThreadReplacementTest {
    private final AtomicLong now = new AtomicLong(1_000_000);

    private static Throwable failure(String why) {
        return new StreamsException("task 0_0 failed processing", new IllegalStateException(why));
    }

    private StreamThreadExceptionResponse failAt(BoundedThreadReplacement handler, long at, String why) {
        now.set(at);
        return handler.handle(failure(why));
    }

    @Test
    void shouldReplaceUpToTheLimitThenShutDownTheClientWhenFailuresRepeatWithinAMinute() {
        BoundedThreadReplacement handler = new BoundedThreadReplacement(3, now::get);
        long t = now.get();
        for (int i = 0; i < 3; i++) {
            assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, failAt(handler, t + i * 1_000, "attempt " + i));
            assertNull(handler.shutdownReason());
        }
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, failAt(handler, t + 59_000, "poison record"));

        String reason = handler.shutdownReason();
        assertTrue(reason.contains("4 times within a minute"), reason);
        assertTrue(reason.contains("at most 3"), reason);
        assertTrue(reason.contains("java.lang.IllegalStateException: poison record"), "names the root cause: " + reason);
        assertTrue(reason.contains("task 0_0 failed processing"), reason);
        assertEquals(1, reason.lines().count(), "one line");
    }

    @Test
    void shouldForgetFailuresWhenTheyAreAMinuteOld() {
        BoundedThreadReplacement handler = new BoundedThreadReplacement(2, now::get);
        long t = now.get();
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, failAt(handler, t, "a"));
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, failAt(handler, t + 10_000, "b"));
        // the first is exactly a minute old: it no longer counts
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, failAt(handler, t + 60_000, "c"));
        // the second (at +10 s) is 59.999 s old: still counts, with the third and this one
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, failAt(handler, t + 69_999, "d"));
        assertTrue(handler.shutdownReason().contains("3 times"), handler.shutdownReason());
    }

    @Test
    void shouldKeepReplacingWhenFailuresAreSpreadOut() {
        BoundedThreadReplacement handler = new BoundedThreadReplacement(1, now::get);
        long t = now.get();
        for (int i = 0; i < 10; i++) {
            assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, failAt(handler, t + i * 60_000L, "spread " + i));
        }
        assertNull(handler.shutdownReason());
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, failAt(handler, t + 9 * 60_000L + 1, "burst"));
    }

    @Test
    void shouldNameTheExceptionItselfWhenItHasNoCause() {
        BoundedThreadReplacement handler = new BoundedThreadReplacement(1, now::get);
        handler.handle(new IllegalArgumentException("first"));
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, handler.handle(new IllegalArgumentException("second")));
        assertTrue(handler.shutdownReason().endsWith("last failure: java.lang.IllegalArgumentException: second"),
                handler.shutdownReason());
    }
}
