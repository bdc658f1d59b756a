package io.callrec.platform.bench;

import io.callrec.platform.storage.FileChecksum;
import io.callrec.platform.storage.ObjectStore;
import io.callrec.platform.storage.SigV4Presigner;
import io.callrec.stack.Folders;
import io.callrec.stack.S3Server;
import io.callrec.stack.StackSettings;
import io.minio.MinioClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The transcoder-side CPU of storing a finished recording, split into presign, SHA-256 and upload: {@code files}
 * files of {@code kilobytes} KB go to the embedded S3 store (s3proxy, a child process) from {@code threads}
 * threads (the finishers' default on 2 cores), one phase after the other, {@code rounds} times (the first round
 * includes the JIT's warm-up). CPU time per thread from {@code /proc/self/task/<tid>/schedstat} (nanoseconds),
 * grouped by thread name, per file; the store's process likewise. Not a test: run by
 * {@code benchmarks/upload-benchmark.sh}.
 *
 * <p>Arguments: a scratch directory (emptied at the end), files (1000), rounds (3), threads (32), kilobytes (320),
 * phases (presign,sha256,upload).
 */
public final class UploadCpuBenchmark {
    private static final String ACCESS_KEY = "callrec";
    private static final String SECRET_KEY = "callrec-secret";
    private static final String BUCKET = "callrec-recordings";
    /** As the object store presigns its uploads. */
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);

    private interface Step {
        void run(int file) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path scratch = Files.createDirectories(Path.of(args[0]));
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        int kilobytes = args.length > 4 ? Integer.parseInt(args[4]) : 320;
        String phases = args.length > 5 ? args[5] : "presign,sha256,upload";

        List<Path> paths = writeFiles(Files.createDirectories(scratch.resolve("files")), files, kilobytes * 1024);
        AtomicInteger numbered = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, "caller-" + numbered.incrementAndGet()));
        try (S3Server s3 = S3Server.start(scratch.resolve("s3"), 0, StackSettings.LOOPBACK, ACCESS_KEY, SECRET_KEY, BUCKET)) {
            MinioClient minio = MinioClient.builder().endpoint(s3.endpoint()).credentials(ACCESS_KEY, SECRET_KEY).build();
            SigV4Presigner presigner = new SigV4Presigner(URI.create(s3.endpoint()), "us-east-1", ACCESS_KEY, SECRET_KEY);
            ObjectStore store = new ObjectStore(minio, presigner, BUCKET);
            System.out.printf("%d files of %d KB per round, %d threads, %d rounds; CPU µs per file by thread group%n%n",
                    files, kilobytes, threads, rounds);
            System.out.println("| round | phase | wall ms | ours | calling threads | JIT | GC | other threads | of which"
                    + " | S3 store |");
            System.out.println("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |");
            Map<String, Step> steps = Map.of(
                    "presign", i -> presigner.presign("PUT", "/" + BUCKET + "/" + key(i), UPLOAD_TIMEOUT, Instant.now()),
                    "sha256", i -> FileChecksum.sha256(paths.get(i)),
                    "upload", i -> store.upload(key(i), paths.get(i), "audio/wav"));
            for (int round = 1; round <= rounds; round++) {
                for (String name : phases.split(",")) {
                    phase(name, round, files, pool, s3.pid(), steps.get(name));
                }
            }
        } finally {
            pool.shutdown();
            Folders.deleteTree(scratch);
        }
    }

    private static String key(int file) {
        return "recordings/bench/" + file + ".wav";
    }

    private static void phase(String name, int round, int files, ExecutorService pool, long storePid, Step step)
            throws Exception {
        Map<String, Long> before = threadGroupNanos(Path.of("/proc/self/task"));
        long storeBefore = sum(threadGroupNanos(Path.of("/proc", Long.toString(storePid), "task")));
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            int file = i;
            done.add(pool.submit(() -> {
                step.run(file);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        long wallMillis = (System.nanoTime() - started) / 1_000_000;
        Map<String, Long> after = threadGroupNanos(Path.of("/proc/self/task"));
        long store = sum(threadGroupNanos(Path.of("/proc", Long.toString(storePid), "task"))) - storeBefore;
        Map<String, Long> used = new TreeMap<>();
        after.forEach((group, nanos) -> used.put(group, nanos - before.getOrDefault(group, 0L)));
        long callers = take(used, "caller");
        long jit = take(used, "JIT");
        long gc = take(used, "GC");
        StringBuilder others = new StringBuilder();
        used.forEach((group, nanos) -> {
            if (nanos >= files * 10_000L) { // groups of 10 µs per file and more by name
                others.append(String.format(" %s %d", group, nanos / 1000 / files));
            }
        });
        long total = callers + jit + gc + sum(used);
        System.out.printf("| %d | %s | %d | %d | %d | %d | %d | %d |%s | %d |%n", round, name, wallMillis,
                total / 1000 / files, callers / 1000 / files, jit / 1000 / files, gc / 1000 / files,
                sum(used) / 1000 / files, others, store / 1000 / files);
    }

    /** CPU nanoseconds of the live threads under {@code tasks}, summed by name (numbers stripped, JIT and GC joined). */
    private static Map<String, Long> threadGroupNanos(Path tasks) throws IOException {
        Map<String, Long> groups = new TreeMap<>();
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    String comm = Files.readString(thread.resolve("comm")).trim();
                    long nanos = Long.parseLong(Files.readString(thread.resolve("schedstat")).split(" ")[0]);
                    groups.merge(group(comm), nanos, Long::sum);
                } catch (IOException ended) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return groups;
    }

    private static String group(String comm) {
        if (comm.contains("CompilerThre")) {
            return "JIT";
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
            return "GC";
        }
        return comm.replaceAll("[-#]?[0-9]+$", "").replace(' ', '_');
    }

    private static long take(Map<String, Long> groups, String name) {
        Long nanos = groups.remove(name);
        return nanos == null ? 0 : nanos;
    }

    private static long sum(Map<String, Long> groups) {
        return groups.values().stream().mapToLong(Long::longValue).sum();
    }

    private static List<Path> writeFiles(Path dir, int files, int bytes) throws IOException {
        Random random = new Random(17);
        byte[] content = new byte[bytes];
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            random.nextBytes(content);
            paths.add(Files.write(dir.resolve(i + ".wav"), content));
        }
        return paths;
    }
}
