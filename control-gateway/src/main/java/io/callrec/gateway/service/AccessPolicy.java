package io.callrec.gateway.service;

import io.callrec.contracts.DeviceId;
import io.callrec.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The optional allowlists: source address ranges (CIDR) and device ids (MACs in any spelling, see DeviceId). Empty lists allow everyone. */
@ApplicationScoped
public class AccessPolicy {
    private final List<Cidr> sources;
    private final Set<String> devices;

    public AccessPolicy(GatewayConfig config) {
        this.sources = config.limits().allowedSources().orElse(List.of()).stream().map(Cidr::parse).toList();
        this.devices = config.limits().allowedDevices().orElse(List.of()).stream().map(DeviceId::normalize)
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean allows(InetAddress phone, String device) {
        boolean sourceOk = sources.isEmpty() || sources.stream().anyMatch(c -> c.contains(phone));
        String id = DeviceId.normalize(device);
        boolean deviceOk = devices.isEmpty() || id != null && devices.contains(id);
        return sourceOk && deviceOk;
    }

    /** An address range such as 10.1.0.0/16 or 2001:db8::/32. */
    public record Cidr(byte[] network, int prefixLength) {
        public static Cidr parse(String text) {
            String[] parts = text.trim().split("/", 2);
            try {
                byte[] address = InetAddress.getByName(parts[0]).getAddress();
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
                if (prefix < 0 || prefix > address.length * 8) {
                    throw new IllegalArgumentException("bad prefix length in " + text);
                }
                return new Cidr(address, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("callrec.gateway.limits.allowed-sources: not a CIDR range: " + text);
            }
        }

        public boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int bits = network.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefixLength).subtract(BigInteger.ONE));
            return new BigInteger(1, candidate).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }

}
