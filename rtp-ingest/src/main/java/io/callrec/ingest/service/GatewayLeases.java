package io.callrec.ingest.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each control-gateway process was last heard from (a status poll or an allocation). A gateway not heard
 * from for the lease time is taken for dead: nobody can stop its recordings any more.
 */
final class GatewayLeases {
    private final long leaseNanos;
    private final Map<String, Long> renewedAtNanos = new ConcurrentHashMap<>();

    GatewayLeases(long leaseNanos) {
        this.leaseNanos = leaseNanos;
    }

    void renew(String gatewayId, long nowNanos) {
        renewedAtNanos.put(gatewayId, nowNanos);
    }

    /** False for recordings without a gateway (null): they have no lease. */
    boolean expired(String gatewayId, long nowNanos) {
        if (gatewayId == null) {
            return false;
        }
        Long renewed = renewedAtNanos.get(gatewayId);
        return renewed == null || nowNanos - renewed >= leaseNanos;
    }
}
