package org.vogstream.app.config;

/**
 * The topics' default names, the one place they are written: the settings' defaults
 * ({@code topic.*}) and the commands' {@code --topic} defaults both read them.
 */
public final class TopicNames {
    public static final String INPUT = "inference-events";
    public static final String SCORED = "vog-scored";
    public static final String ALERTS = "vog-alerts";
    public static final String CONFIG = "vog-config";
    public static final String CONFIG_VALIDATED = "vog-config-validated";
    public static final String CLASS_STATS = "vog-class-stats";
    public static final String DEAD_LETTER = "vog-dead-letter";

    private TopicNames() {}
}
