package org.vogstream.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A process's CPU time by kind of thread, read from Linux's {@code /proc/PID/task}: what the
 * detector's core spends besides its stream thread. Empty where {@code /proc} is not there.
 */
public final class ThreadGroupsCpu {
    /** Kinds of threads, by the name the kernel keeps (15 characters of the Java thread's name). */
    public enum Kind {
        JIT("JIT compilers (C1, C2)"),
        GC("garbage collection and VM"),
        PRODUCER("Kafka producer's network thread"),
        REST("the rest");

        public final String label;

        Kind(String label) {
            this.label = label;
        }

        static Kind of(String comm) {
            if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                return JIT;
            }
            if (comm.startsWith("VM Thread") || comm.startsWith("GC ") || comm.startsWith("G1 ")) {
                return GC;
            }
            return comm.startsWith("kafka-producer-") ? PRODUCER : REST;
        }
    }

    /** Clock ticks per second of /proc's times: USER_HZ, 100 on every Linux architecture Java runs on. */
    private static final double TICKS = 100;

    private ThreadGroupsCpu() {}

    static Map<Kind, Double> read(long pid) {
        Map<Kind, Double> seconds = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            seconds.put(k, 0.0);
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(t -> {
                try {
                    String comm = Files.readString(t.resolve("comm")).strip();
                    String stat = Files.readString(t.resolve("stat"));
                    // fields after the name, which may hold spaces and is closed by the last ')'
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double s = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
                    seconds.merge(Kind.of(comm), s, Double::sum);
                } catch (IOException | RuntimeException gone) {
                    // a thread that ended between the listing and the read
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return seconds;
    }
}
