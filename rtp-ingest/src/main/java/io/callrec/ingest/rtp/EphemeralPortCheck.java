package io.callrec.ingest.rtp;

import io.callrec.ingest.config.IngestConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Warns at start-up when the UDP range lies in the kernel's ephemeral port range and is not reserved from it. The
 * kernel hands those ports to any program that binds port 0 or sends UDP unbound (a DNS lookup does), so one may hold
 * a port of the range when a recording needs it; worse, an instance restarted after a crash must bind the very ports
 * of the recordings it recovers. Linux only ({@code /proc/sys/net/ipv4}); elsewhere nothing is checked.
 */
@ApplicationScoped
public class EphemeralPortCheck {
    private static final Logger LOG = Logger.getLogger(EphemeralPortCheck.class);
    private static final Path SYSCTLS = Path.of("/proc/sys/net/ipv4");
    private static final int PORTS = 65536;

    private final IngestConfig config;

    public EphemeralPortCheck(IngestConfig config) {
        this.config = config;
    }

    void check(@Observes StartupEvent event) {
        try {
            String range = Files.readString(SYSCTLS.resolve("ip_local_port_range"));
            String reserved = Files.readString(SYSCTLS.resolve("ip_local_reserved_ports"));
            problem(config.portMin(), config.portMax(), range, reserved).ifPresent(LOG::warn);
        } catch (IOException | RuntimeException e) {
            LOG.debugf("The kernel's ephemeral port range was not checked: %s", e.getMessage());
        }
    }

    /**
     * What is wrong with the UDP range {@code min..max}, given the kernel's {@code ip_local_port_range} ("32768
     * 60999") and {@code ip_local_reserved_ports} ("" or "5060,40000-44999"); empty when no port of it can be taken.
     */
    static Optional<String> problem(int min, int max, String localPortRange, String reservedPorts) {
        String[] bounds = localPortRange.trim().split("\\s+");
        int ephemeralMin = Integer.parseInt(bounds[0]);
        int ephemeralMax = Integer.parseInt(bounds[1]);
        BitSet exposed = new BitSet(PORTS);
        int first = Math.max(min, ephemeralMin);
        int last = Math.min(max, ephemeralMax);
        if (first <= last) {
            exposed.set(first, last + 1);
        }
        for (String entry : reservedPorts.trim().split(",")) {
            if (!entry.isBlank()) {
                String[] span = entry.trim().split("-");
                exposed.clear(Integer.parseInt(span[0]), Integer.parseInt(span[span.length - 1]) + 1);
            }
        }
        if (exposed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format("The RTP port range %d-%d overlaps the kernel's ephemeral port range %d-%d "
                        + "(%d of its ports not reserved): other programs may take them, and a restarted rtp-ingest "
                        + "may fail to recover the recordings on them. Choose a range outside %d-%d, or reserve it: "
                        + "sysctl -w net.ipv4.ip_local_reserved_ports=%d-%d", min, max, ephemeralMin, ephemeralMax,
                exposed.cardinality(), ephemeralMin, ephemeralMax, min, max));
    }
}
