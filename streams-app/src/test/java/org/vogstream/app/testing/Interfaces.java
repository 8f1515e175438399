package org.vogstream.app.testing;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.Optional;

/** This machine's network interfaces, to check that something listens on loopback only. */
public final class Interfaces {
    private Interfaces() {}

    /** An IPv4 address of an interface that is up and not loopback, if the machine has one. */
    public static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (i.isUp() && !i.isLoopback()) {
                for (InetAddress a : Collections.list(i.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
