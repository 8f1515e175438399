package org.vogstream.app.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the stream threads, all of them together, as {@code vog_stream_thread_cpu_seconds_total}:
 * beside the process's CPU it tells the topology's own thread from what else the process runs
 * (garbage collection, JIT compilation, the producer's network thread, the global store thread),
 * and against wall-clock time it tells a saturated detector (near 1 per thread) from a waiting one.
 * Threads that have ended no longer count, so the total can step down after a thread is replaced.
 */
final class StreamThreadCpu {
    private StreamThreadCpu() {}

    static void register(MeterRegistry registry) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            return;
        }
        FunctionCounter.builder("vog.stream.thread.cpu.seconds", threads, StreamThreadCpu::seconds)
                .description("CPU time of the Kafka Streams stream threads").baseUnit("seconds").register(registry);
    }

    private static double seconds(ThreadMXBean threads) {
        long nanos = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            // Kafka Streams names them CLIENT_ID-StreamThread-N; the global store's is -GlobalStreamThread
            if (t != null && t.getThreadName().contains("-StreamThread-")) {
                nanos += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return nanos / 1e9;
    }
}
