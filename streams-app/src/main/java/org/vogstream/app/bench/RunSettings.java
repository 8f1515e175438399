package org.vogstream.app.bench;

import java.nio.file.Path;
import org.vogstream.app.config.Settings;

/**
 * A benchmark run's detector settings: its own application id, state directory and topics, all
 * named after the run, so runs against a shared cluster never meet and leave nothing unnamed.
 */
final class RunSettings {
    private RunSettings() {}

    /** Settings with one model; the caller adds its own. */
    static Settings of(String bootstrapServers, String run, Path state, String model, Path modelDir) {
        return new Settings().bootstrapServers(bootstrapServers).applicationId(run).stateDir(state).model(model, modelDir)
                .topicsNamedAfter(run);
    }
}
