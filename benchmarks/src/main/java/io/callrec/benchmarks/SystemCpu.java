package io.callrec.benchmarks;

import io.callrec.launcher.CallrecSystem;
import io.callrec.stack.ServiceProcess;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CPU time of every part of callrec on this machine: every service process (each rtp-ingest and transcoder
 * instance on its own), this JVM (the embedded Kafka broker; the
 * phone simulator runs here too and is told apart by {@link SimulatorThreadsCpu}), PostgreSQL (its server with every
 * backend) and the S3 store.
 */
final class SystemCpu {
    static final String KAFKA = "kafka";
    /** Not a part of callrec: the load generator, shown for the record and left out of callrec's total. */
    static final String SIMULATOR = "simulator";
    static final String POSTGRES = "postgresql";
    static final String S3 = "s3 store";
    /** The services along the data path: the column order. */
    static final List<String> SERVICES = List.of("control-gateway", "rtp-ingest", "transcoder", "catalog-api");

    /** A process, and whether its children count too (PostgreSQL's backends; the services have none). */
    private record Part(ProcessHandle root, boolean withDescendants) {
        long nanos() {
            long nanos = ProcessCpu.nanos(root.pid());
            if (withDescendants) {
                nanos += root.descendants().mapToLong(child -> ProcessCpu.nanos(child.pid())).sum();
            }
            return nanos;
        }
    }

    private final Map<String, Part> parts = new LinkedHashMap<>();
    private final List<String> instances;

    SystemCpu(CallrecSystem system) {
        // Instances are named after their service (rtp-ingest, or rtp-ingest-1, rtp-ingest-2, ...).
        instances = system.services().stream().map(ServiceProcess::name)
                .sorted(Comparator.comparingInt((String name) -> SERVICES.indexOf(SERVICES.stream()
                        .filter(name::startsWith).findFirst().orElseThrow())).thenComparing(name -> name))
                .toList();
        for (String name : instances) {
            ServiceProcess service = system.service(name);
            parts.put(name, new Part(ProcessHandle.of(service.pid()).orElseThrow(), false));
        }
        parts.put(KAFKA, new Part(ProcessHandle.current(), false));
        // The PostgreSQL server detaches from this JVM: it is found by its port.
        String postgresPort = "-p " + system.stack().postgres().port() + " ";
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().filter(c -> c.contains("bin/postgres ") && c.contains(postgresPort))
                        .isPresent())
                .findFirst()
                .ifPresent(postgres -> parts.put(POSTGRES, new Part(postgres, true)));
        Set<Long> services = system.services().stream().map(ServiceProcess::pid).collect(Collectors.toSet());
        ProcessHandle.current().children()
                .filter(child -> !services.contains(child.pid()))
                .findFirst()
                .ifPresent(s3 -> parts.put(S3, new Part(s3, false)));
    }

    /** The service processes, along the data path. */
    List<String> instances() {
        return instances;
    }

    List<String> names() {
        return List.copyOf(parts.keySet());
    }

    /** CPU nanoseconds used so far, per part. */
    Map<String, Long> nanos() {
        Map<String, Long> nanos = new LinkedHashMap<>();
        parts.forEach((name, part) -> nanos.put(name, part.nanos()));
        return nanos;
    }
}
