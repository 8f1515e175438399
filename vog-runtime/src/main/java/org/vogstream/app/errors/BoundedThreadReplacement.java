package org.vogstream.app.errors;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vogstream.core.errors.ErrorLines;

/**
 * Replaces a stream thread that died (its task resumes from the last commit, the micro-batch buffer
 * restored from its changelog), but at most {@code maxPerMinute} times in any minute: a failure
 * that repeats on every retry (a record no version of the task can process) would otherwise loop
 * forever, so the client then shuts down with a one-line reason.
 */
public final class BoundedThreadReplacement implements StreamsUncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedThreadReplacement.class);
    private static final long WINDOW_MS = 60_000;

    private final int maxPerMinute;
    private final LongSupplier clock;
    private final Deque<Long> failures = new ArrayDeque<>();
    private volatile String shutdownReason;

    public BoundedThreadReplacement(int maxPerMinute) {
        this(maxPerMinute, System::currentTimeMillis);
    }

    BoundedThreadReplacement(int maxPerMinute, LongSupplier clock) {
        this.maxPerMinute = maxPerMinute;
        this.clock = clock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        long now = clock.getAsLong();
        while (!failures.isEmpty() && now - failures.peekFirst() >= WINDOW_MS) {
            failures.removeFirst();
        }
        failures.addLast(now);
        if (failures.size() > maxPerMinute) {
            shutdownReason = "stream threads failed " + failures.size() + " times within a minute (at most "
                    + maxPerMinute + " are replaced); last failure: " + rootCause(exception);
            LOG.error("shutting down: {}", shutdownReason);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.error("stream thread failed ({} of {} replacements this minute); replacing it", failures.size(),
                maxPerMinute, exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Why the client shut itself down, or null while it has not. */
    public String shutdownReason() {
        return shutdownReason;
    }

    private static String rootCause(Throwable t) {
        Throwable root = ErrorLines.rootCause(t);
        return root == t ? t.toString() : t + " (caused by " + root + ")";
    }
}
