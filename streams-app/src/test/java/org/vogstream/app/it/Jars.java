package org.vogstream.app.it;

import java.nio.file.Path;

/** The project's jars as the integration tests run them: built in the package phase, before them. */
final class Jars {
    /** Every command, and Kafka's server classes (the demo's broker; the tests' broker processes). */
    static final Path VOG = Path.of("target", "vog.jar");
    /** What the Docker image runs: vog run and vog publish-stats. */
    static final Path RUNTIME = Path.of("..", "vog-runtime", "target", "vog-runtime.jar");

    private Jars() {}
}
