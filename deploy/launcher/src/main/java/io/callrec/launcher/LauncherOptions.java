package io.callrec.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code ./callrec up} was asked for: the data folder, every port (the defaults are DESIGN.md's) and how many
 * rtp-ingest and transcoder processes to run.
 *
 * @param projectRoot the checkout, where each service's built app is found
 * @param ingests     rtp-ingest processes; they split the UDP range between them
 * @param transcoders transcoder processes; they share {@code callrec.frames} as one consumer group
 */
public record LauncherOptions(Path projectRoot, Path dataDir, int controlPort, int catalogPort,
                              int catalogManagementPort, int gatewayManagementPort, int ingestManagementPort,
                              int transcoderManagementPort, int udpPortMin, int udpPortMax,
                              int kafkaPort, int postgresPort, int s3Port, int ingests, int transcoders) {

    /** One process of each service. */
    public LauncherOptions(Path projectRoot, Path dataDir, int controlPort, int catalogPort,
                           int catalogManagementPort, int gatewayManagementPort, int ingestManagementPort,
                           int transcoderManagementPort, int udpPortMin, int udpPortMax,
                           int kafkaPort, int postgresPort, int s3Port) {
        this(projectRoot, dataDir, controlPort, catalogPort, catalogManagementPort, gatewayManagementPort,
                ingestManagementPort, transcoderManagementPort, udpPortMin, udpPortMax, kafkaPort, postgresPort,
                s3Port, 1, 1);
    }

    static final String USAGE = """
            usage: callrec up [options]
              --data-dir DIR          where Kafka, PostgreSQL and the object store keep their data (default .callrec/data)
              --control-port N        phone control protocol, TCP (default 7100)
              --catalog-port N        catalog API and web page, HTTP (default 8080)
              --gateway-management-port N    control-gateway health/metrics (default 8081)
              --ingest-management-port N     rtp-ingest health/metrics (default 8082)
              --transcoder-management-port N transcoder health/metrics (default 8083)
              --catalog-management-port N    catalog-api health/metrics (default 8084)
              --udp-range MIN-MAX     RTP ports (default 20000-24999)
              --kafka-port N          embedded Kafka (default 19092)
              --postgres-port N       embedded PostgreSQL (default 15432)
              --s3-port N             embedded S3 store (default 19000)
              --ingests N             rtp-ingest processes (default 1); each takes an equal slice of --udp-range
              --transcoders N         transcoder processes (default 1); they share the frames topic's partitions
            A port of 0 means any free port (the addresses printed at start say which). rtp-ingest's internal
            API (for the gateway only) takes any free port on 127.0.0.1. The gateway's SIPREC port is 5060 (UDP
            and TCP) and its URL record port 8085 (HTTP); with --control-port 0 they take any free ports too.
            With --ingests or --transcoders above 1, the first process of each takes the management port given and
            the others any free ports (the addresses printed at start list every process).
            """;

    static LauncherOptions defaults(Path projectRoot) {
        return new LauncherOptions(projectRoot, projectRoot.resolve(".callrec/data"), 7100, 8080, 8084, 8081, 8082, 8083,
                20000, 24999, 19092, 15432, 19000);
    }

    /** Parses {@code --name value} flags over the defaults; a bad flag is an {@link IllegalArgumentException}. */
    static LauncherOptions parse(Path projectRoot, List<String> args) {
        LauncherOptions o = defaults(projectRoot);
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String value = args.get(++i);
            o = switch (flag) {
                case "--data-dir" -> o.with(Path.of(value).toAbsolutePath(), null, -1);
                case "--control-port" -> o.with(null, "control", port(flag, value));
                case "--catalog-port" -> o.with(null, "catalog", port(flag, value));
                case "--catalog-management-port" -> o.with(null, "catalog-management", port(flag, value));
                case "--gateway-management-port" -> o.with(null, "gateway", port(flag, value));
                case "--ingest-management-port" -> o.with(null, "ingest", port(flag, value));
                case "--transcoder-management-port" -> o.with(null, "transcoder", port(flag, value));
                case "--kafka-port" -> o.with(null, "kafka", port(flag, value));
                case "--postgres-port" -> o.with(null, "postgres", port(flag, value));
                case "--s3-port" -> o.with(null, "s3", port(flag, value));
                case "--udp-range" -> o.withUdpRange(flag, value);
                case "--ingests" -> o.withInstances(count(flag, value), o.transcoders);
                case "--transcoders" -> o.withInstances(o.ingests, count(flag, value));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            };
        }
        if (o.udpPortMax - o.udpPortMin + 1 < o.ingests) {
            throw new IllegalArgumentException("--udp-range " + o.udpPortMin + "-" + o.udpPortMax
                    + " has fewer ports than --ingests " + o.ingests);
        }
        return o;
    }

    /**
     * The UDP ports of rtp-ingest number {@code instance} (1 to {@link #ingests()}): an equal slice of the range,
     * so that every port handed out stays within it.
     */
    int[] udpSlice(int instance) {
        long size = udpPortMax - udpPortMin + 1L;
        return new int[] {(int) (udpPortMin + size * (instance - 1) / ingests),
                (int) (udpPortMin + size * instance / ingests - 1)};
    }

    private LauncherOptions with(Path data, String which, int port) {
        return new LauncherOptions(projectRoot, data != null ? data : dataDir,
                "control".equals(which) ? port : controlPort, "catalog".equals(which) ? port : catalogPort,
                "catalog-management".equals(which) ? port : catalogManagementPort,
                "gateway".equals(which) ? port : gatewayManagementPort,
                "ingest".equals(which) ? port : ingestManagementPort,
                "transcoder".equals(which) ? port : transcoderManagementPort, udpPortMin, udpPortMax,
                "kafka".equals(which) ? port : kafkaPort, "postgres".equals(which) ? port : postgresPort,
                "s3".equals(which) ? port : s3Port, ingests, transcoders);
    }

    private LauncherOptions withInstances(int ingestCount, int transcoderCount) {
        return new LauncherOptions(projectRoot, dataDir, controlPort, catalogPort, catalogManagementPort,
                gatewayManagementPort, ingestManagementPort, transcoderManagementPort, udpPortMin, udpPortMax,
                kafkaPort, postgresPort, s3Port, ingestCount, transcoderCount);
    }

    private LauncherOptions withUdpRange(String flag, String value) {
        String[] parts = value.split("-", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException(flag + " wants MIN-MAX, got " + value);
        }
        int min = udpPort(flag, parts[0]);
        int max = udpPort(flag, parts[1]);
        if (min > max) {
            throw new IllegalArgumentException(flag + ": " + min + " is above " + max);
        }
        return new LauncherOptions(projectRoot, dataDir, controlPort, catalogPort, catalogManagementPort,
                gatewayManagementPort, ingestManagementPort, transcoderManagementPort, min, max, kafkaPort,
                postgresPort, s3Port, ingests, transcoders);
    }

    private static int port(String flag, String value) {
        return number(flag, value, 0, "a port 0-65535 (0: any free port)");
    }

    private static int count(String flag, String value) {
        return number(flag, value, 1, "a number of processes, 1 or more");
    }

    private static int udpPort(String flag, String value) {
        return number(flag, value, 1, "ports 1-65535");
    }

    private static int number(String flag, String value, int lowest, String wanted) {
        try {
            int port = Integer.parseInt(value);
            if (port >= lowest && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " wants " + wanted + ", got " + value);
    }
}
