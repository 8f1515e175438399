package org.vogstream.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Which cores a benchmark's processes run on, through {@code taskset} (util-linux): a detector on a
 * core of its own, as a deployment runs it, and the broker with everything else on the others.
 * Where the machine cannot do it (one core, no {@code taskset}), nothing is pinned and
 * {@link #describe} says so.
 *
 * @param detector the detector's core, or -1 when nothing is pinned
 * @param others the cores of the broker and this process
 * @param why when nothing is pinned, why not
 */
public record CoreAffinity(int detector, List<Integer> others, String why) {
    private static final Path TASKSET = Path.of("/usr/bin/taskset");

    /** The last core for the detector and the rest for the others, when there are two or more and taskset exists. */
    public static CoreAffinity plan(int cores, boolean pin) {
        if (!pin) {
            return new CoreAffinity(-1, List.of(), "--no-pin");
        }
        if (cores < 2) {
            return new CoreAffinity(-1, List.of(), "one core");
        }
        if (!Files.isExecutable(TASKSET)) {
            return new CoreAffinity(-1, List.of(), TASKSET + " not found");
        }
        return new CoreAffinity(cores - 1, IntStream.range(0, cores - 1).boxed().toList(), null);
    }

    public boolean pinned() {
        return detector >= 0;
    }

    /** {@code command} run on the detector's core. */
    List<String> onDetectorCore(List<String> command) {
        if (!pinned()) {
            return command;
        }
        List<String> out = new ArrayList<>(List.of(TASKSET.toString(), "-c", Integer.toString(detector)));
        out.addAll(command);
        return out;
    }

    /** Moves every thread of this process (and the threads it starts later) off the detector's core. */
    public void pinThisProcess() throws IOException, InterruptedException {
        if (!pinned()) {
            return;
        }
        Process p = new ProcessBuilder(TASKSET.toString(), "-a", "-p", "-c", list(others),
                Long.toString(ProcessHandle.current().pid())).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IOException("taskset could not pin this process: " + output);
        }
    }

    public String describe() {
        return pinned() ? "detector on core " + detector + ", broker and this command on core(s) " + list(others)
                : "not pinned (" + why + "): the detector shares every core with the broker";
    }

    private static String list(List<Integer> cores) {
        return cores.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
