package org.vogstream.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EndpointsTest {
    @Test
    void shouldPickPortsThatDifferFromOneAnother() {
        // picked one after another, a closed port came back as the next pick: a broker process got one
        // port for two listeners and refused to start (SecurityIT, in CI)
        int[] ports = Endpoints.freeLoopbackPorts(64);
        assertEquals(64, Arrays.stream(ports).distinct().count(), Arrays.toString(ports));
    }
}
