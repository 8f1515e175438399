package org.vogstream.app.topology;

/**
 * A hook between buffering an event and the next step, where crash tests make a stream thread
 * die with a partly filled buffer. Production topologies use {@link #NONE}.
 */
@FunctionalInterface
public interface FaultInjector {
    FaultInjector NONE = event -> { };

    void afterBuffered(BufferedEvent event);
}
