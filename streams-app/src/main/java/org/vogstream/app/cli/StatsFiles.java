package org.vogstream.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.vogstream.core.score.ModelSet;
import org.vogstream.detect.stats.CalibrationStats;
import org.vogstream.detect.stats.StatsJson;

/** Statistics files given to the offline commands, refused when they belong to another model set. */
final class StatsFiles {
    private StatsFiles() {}

    static CalibrationStats readFor(Path file, ModelSet set) throws IOException {
        CalibrationStats stats = StatsJson.read(file);
        if (!stats.modelSet().equals(set.id())) {
            throw new IOException(file + ": statistics of model set " + stats.modelSet() + ", but the model set is "
                    + set.id() + " (recalibrate for these checkpoints)");
        }
        return stats;
    }
}
