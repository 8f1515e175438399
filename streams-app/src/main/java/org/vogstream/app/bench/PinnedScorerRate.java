package org.vogstream.app.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The scorer's own rate on the detector's core: {@code vog bench}'s fused column at the detector's
 * batch size, run in a process pinned where the detector runs, so the two rates share a core.
 */
final class PinnedScorerRate {
    private PinnedScorerRate() {}

    static double measure(Path modelDir, int batch, double seconds, CoreAffinity cores)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(Launcher.self());
        command.addAll(List.of("bench", "--model-dir", modelDir.toString(), "--batch", Integer.toString(batch),
                "--seconds", Double.toString(seconds)));
        Process p = new ProcessBuilder(cores.onDetectorCore(command)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("vog bench failed: " + output.strip().replace('\n', ' '));
        }
        return fusedRate(output, batch);
    }

    /** The fused column of {@code vog bench}'s row for a batch size. */
    static double fusedRate(String benchOutput, int batch) {
        for (String line : benchOutput.lines().toList()) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length >= 3 && cells[0].equals(Integer.toString(batch))) {
                return Double.parseDouble(cells[2]);
            }
        }
        throw new IllegalStateException("vog bench printed no row for batch " + batch + ": "
                + benchOutput.strip().replace('\n', ' '));
    }
}
