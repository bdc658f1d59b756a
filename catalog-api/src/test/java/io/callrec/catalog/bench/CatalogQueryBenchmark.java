package io.callrec.catalog.bench;

import io.callrec.contracts.ObjectKeys;
import io.callrec.contracts.RecordingEvent;
import io.callrec.contracts.SessionEvent;
import io.callrec.contracts.Topics;
import io.callrec.catalog.domain.Recording;
import io.callrec.catalog.domain.SearchText;
import io.callrec.catalog.support.Events;
import io.callrec.stack.EmbeddedStack;
import io.callrec.stack.Folders;
import io.callrec.stack.ServiceProcess;
import io.callrec.stack.StackSettings;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;

/**
 * Seeds the catalog with many recordings straight into PostgreSQL (COPY, indexes rebuilt afterwards), then times
 * typical REST queries against the packaged service and its event indexing rate through Kafka. Not a test: run by
 * {@code benchmarks/catalog-benchmark.sh}. Arguments: rows (default 1,000,000), the packaged service's quarkus-run.jar.
 */
public final class CatalogQueryBenchmark {
    private static final int DEVICES = 2000;
    private static final int DAYS = 365;
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1);
    private static final int WARM_UP = 20;
    private static final int SAMPLES = 200;
    private static final int INDEXED_RECORDINGS = 20_000;
    /** An hour before the seeded year ends: about 0.01 % of the recordings were stored since. */
    private static final Instant LAST_HOUR = FIRST_DAY.plusDays(DAYS).atStartOfDay().toInstant(ZoneOffset.UTC)
            .minus(Duration.ofHours(1));
    private static final String[] NAMES = {"山田太郎", "佐藤花子", "鈴木一郎", "高橋美咲", "田中健", "伊藤さくら",
        "渡辺翔", "中村由美", "小林大輔", "加藤愛", "Alice Martin", "Bob Schmidt", "Chloé Dubois", "Jürgen Groß",
        "María García", "Wei Zhang", "王芳", "李娜", "Olivia Smith", "Noah Brown"};

    private final Random random = new Random(42);
    private final HttpClient http = HttpClient.newHttpClient();
    /** The benchmark's own admin login: the service ships none, and refuses well-known passwords. */
    private static final String USER = "bench";
    private static final String PASSWORD = "catalog-benchmark";
    private static final String PASSWORD_HASH = "$2a$10$4DzCLxXbnT5IviXtlHcSp.6/Lqll/j2sB9ehc2Gx2bizER6xb9cxy";

    private final String authorization = "Basic " + Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private String baseUrl;

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path serviceJar = Path.of(args.length > 1 ? args[1] : "catalog-api/target/quarkus-app/quarkus-run.jar");
        Path dataDir = Files.createTempDirectory(Path.of("catalog-api/target"), "bench-stack-");
        EmbeddedStack stack = EmbeddedStack.start(StackSettings.defaults(dataDir).withFreePorts());
        // Also on Ctrl-C: stop PostgreSQL and the S3 server (child processes) and drop the data.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            Folders.deleteTree(dataDir);
        }, "bench-stack-stop"));
        new CatalogQueryBenchmark().run(stack, rows, serviceJar, dataDir);
        System.exit(0);
    }

    private void run(EmbeddedStack stack, int rows, Path serviceJar, Path dataDir) throws Exception {
        // A copy, so that a build of catalog-api during the run does not pull the jar from under the service.
        Path copyRoot = dataDir.resolve("copy");
        copyOfApp(serviceJar.getParent(), copyRoot.resolve("catalog-api/target/quarkus-app"));
        Files.copy(Path.of("catalog-api/jvm.options"), copyRoot.resolve("catalog-api/jvm.options"));
        Map<String, String> config = new HashMap<>(stack.serviceConfig());
        config.put("callrec.sign-in.users." + USER + ".password-hash", PASSWORD_HASH);
        config.put("callrec.sign-in.users." + USER + ".roles", "admin");
        try (ServiceProcess service = ServiceProcess.start(copyRoot, "catalog-api", "catalog-api", 0, 0, config,
                dataDir, Duration.ofMinutes(2))) {
            baseUrl = service.baseUrl();
            System.out.printf("machine: %s, %d cores, java %s%n", cpuModel(), Runtime.getRuntime()
                    .availableProcessors(), System.getProperty("java.version"));
            try (Connection db = DriverManager.getConnection(stack.postgres().jdbcUrl(), StackSettings.DATABASE_USER,
                    StackSettings.DATABASE_PASSWORD)) {
                seed(db, rows);
            }
            queries();
            indexingRate(stack);
        }
    }

    private static void copyOfApp(Path app, Path copy) throws IOException {
        try (Stream<Path> files = Files.walk(app)) {
            for (Path file : files.toList()) {
                Files.createDirectories(copy.resolve(app.relativize(file).toString()).getParent());
                Files.copy(file, copy.resolve(app.relativize(file).toString()));
            }
        }
    }

    // ---- seeding ----

    private void seed(Connection db, int rows) throws SQLException, IOException {
        long start = System.nanoTime();
        List<String> indexes = new ArrayList<>();
        try (Statement sql = db.createStatement()) {
            try (ResultSet rs = sql.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = "
                    + "'recording' AND indexname <> 'recording_pkey'")) {
                while (rs.next()) {
                    indexes.add(rs.getString(2));
                    // Building an index once is much faster than maintaining it row by row.
                    db.createStatement().execute("DROP INDEX " + rs.getString(1));
                }
            }
        }
        String copy = "COPY recording (id, session_id, device, local_number, local_name, remote_number, remote_name,"
                + " direction, codec, source, status, stop_reason, started_at, stopped_at, stored_at, duration_ms,"
                + " sample_rate, channels, size_bytes, sha256, object_key, packets_received, packets_lost,"
                + " packets_duplicate, packets_late, concealed_ms, search_text) FROM STDIN";
        int chunk = 50_000;
        for (int done = 0; done < rows; done += chunk) {
            StringBuilder text = new StringBuilder(chunk * 400);
            for (int i = done; i < Math.min(rows, done + chunk); i++) {
                row(text);
            }
            db.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(text.toString()));
        }
        long copied = System.nanoTime();
        try (Statement sql = db.createStatement()) {
            for (String index : indexes) {
                sql.execute(index);
            }
            sql.execute("VACUUM ANALYZE recording");
        }
        System.out.printf("seeded %,d recordings: COPY %.1f s, %d indexes + VACUUM ANALYZE %.1f s%n", rows,
                (copied - start) / 1e9, indexes.size(), (System.nanoTime() - copied) / 1e9);
    }

    private void row(StringBuilder text) {
        UUID id = new UUID(random.nextLong(), random.nextLong());
        int device = random.nextInt(DEVICES);
        String localNumber = String.valueOf(1000 + device);
        String localName = NAMES[device % NAMES.length];
        String remoteNumber = remoteNumber();
        String remoteName = NAMES[random.nextInt(NAMES.length)];
        Instant started = FIRST_DAY.atStartOfDay().toInstant(ZoneOffset.UTC)
                .plusSeconds((long) random.nextInt(DAYS) * 86_400 + random.nextInt(86_400));
        long durationMs = 5_000 + random.nextInt(600_000);
        int outcome = random.nextInt(100);
        String status = outcome < 96 ? "available" : outcome < 98 ? "failed" : "processing";
        boolean available = status.equals("available");
        Object[] values = {id, "s" + random.nextInt(1_000_000), device(device), localNumber, localName, remoteNumber,
            remoteName, random.nextBoolean() ? "in" : "out", "PCMA", Recording.SOURCE_NETWORK, status,
            outcome < 99 ? "normal" : "socket-error", started, started.plusMillis(durationMs),
            available ? started.plusMillis(durationMs + 800) : null, available ? durationMs : null,
            available ? 8000 : null, available ? 1 : null, available ? 44 + durationMs * 16 : null,
            available ? "ab".repeat(32) : null, available ? ObjectKeys.recording(id, started) : null,
            available ? durationMs / 20 : null, available ? random.nextInt(5) : null, available ? 0 : null,
            available ? random.nextInt(3) : null, available ? random.nextInt(100) : null,
            SearchText.of(localNumber, localName, remoteNumber, remoteName).replace("\n", "\\n")};
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : "\t").append(values[i] == null ? "\\N" : values[i]);
        }
        text.append('\n');
    }

    private String remoteNumber() {
        return "0" + (100_000_000 + random.nextInt(900_000_000));
    }

    private static String device(int n) {
        return String.format("0c:38:3e:%02x:%02x:%02x", n >> 16 & 0xff, n >> 8 & 0xff, n & 0xff);
    }

    // ---- queries ----

    private void queries() throws Exception {
        // Let the service's JIT and the caches settle before anything is timed.
        for (int i = 0; i < 300; i++) {
            get(i % 2 == 0 ? "device=" + device(random.nextInt(DEVICES))
                    : "from=" + FIRST_DAY.plusDays(random.nextInt(DAYS)));
        }
        System.out.printf("%-44s %8s %8s %8s %10s%n", "query (REST, admin, size 50)", "p50 ms", "p95 ms", "p99 ms",
                "avg total");
        time("by device", () -> "device=" + device(random.nextInt(DEVICES)));
        time("by number substring (q, 4 digits)", () -> "q=" + remoteNumber().substring(3, 7));
        time("by name substring (q=田中)", () -> "q=" + encode("田中"));
        time("by date range (one day)", () -> {
            LocalDate day = FIRST_DAY.plusDays(random.nextInt(DAYS));
            return "from=" + day + "&to=" + day;
        });
        time("by date range (one week) and direction", () -> {
            LocalDate day = FIRST_DAY.plusDays(random.nextInt(DAYS - 7));
            return "from=" + day + "&to=" + day.plusDays(6) + "&direction=in";
        });
        time("all, first page", () -> "page=0");
        time("all, deep page (page 100-2000)", () -> "page=" + (100 + random.nextInt(1900)));
        time("by device, deep page (page 5-9)", () -> "device=" + device(random.nextInt(DEVICES)) + "&page="
                + (5 + random.nextInt(5)));
        time("available, newest stored first", () -> "status=available&sort=storedAt,desc");
        time("available, stored in the last hour", () -> "status=available&sort=storedAt,asc&storedSince="
                + LAST_HOUR);
        time("same, and q (4 digits)", () -> "status=available&sort=storedAt,asc&storedSince=" + LAST_HOUR + "&q="
                + remoteNumber().substring(3, 7));
    }

    private void time(String name, Supplier<String> query) throws Exception {
        long[] nanos = new long[SAMPLES];
        long totals = 0;
        for (int i = -WARM_UP; i < SAMPLES; i++) {
            long start = System.nanoTime();
            String body = get(query.get());
            long elapsed = System.nanoTime() - start;
            if (i >= 0) {
                nanos[i] = elapsed;
                totals += Events.JSON.readTree(body).get("total").asLong();
            }
        }
        Arrays.sort(nanos);
        System.out.printf("%-44s %8.1f %8.1f %8.1f %,10d%n", name, nanos[SAMPLES / 2] / 1e6,
                nanos[SAMPLES * 95 / 100] / 1e6, nanos[SAMPLES * 99 / 100] / 1e6, totals / SAMPLES);
    }

    private String get(String query) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/recordings?" + query))
                .header("Authorization", authorization).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(query + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    // ---- indexing ----

    /** Publishes started, stopped and stored for new recordings and times until all are committed by catalog-api. */
    private void indexingRate(EmbeddedStack stack) throws Exception {
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     stack.kafkaBootstrapServers()))) {
            for (int i = 0; i < INDEXED_RECORDINGS; i++) {
                UUID id = UUID.randomUUID();
                String key = id.toString();
                int device = random.nextInt(DEVICES);
                producer.send(new ProducerRecord<>(Topics.SESSIONS, key, Events.JSON.writeValueAsString(
                        Events.started(id, device(device), String.valueOf(1000 + device), "田中健", remoteNumber(),
                                "Alice Martin", "out", at))));
                producer.send(new ProducerRecord<>(Topics.SESSIONS, key, Events.JSON.writeValueAsString(
                        SessionEvent.stopped(id, "s", "normal", at.plusSeconds(60)))));
                producer.send(new ProducerRecord<>(Topics.RECORDINGS, key, Events.JSON.writeValueAsString(
                        new RecordingEvent(RecordingEvent.STORED, id, ObjectKeys.recording(id, at), 960_044, 60_000,
                                8000, 1, "PCMA", "ab".repeat(32), 3000, 0, 0, 0, 0, "normal", null, null,
                                at.plusSeconds(61)))));
            }
            producer.flush();
            double produced = (System.nanoTime() - start) / 1e9;
            while (!caughtUp(admin)) {
                Thread.sleep(100);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int events = INDEXED_RECORDINGS * 3;
            System.out.printf("indexing: %,d events (%,d recordings) published in %.1f s, all committed after %.1f s:"
                    + " %,.0f events/s%n", events, INDEXED_RECORDINGS, produced, seconds, events / seconds);
        }
    }

    private static boolean caughtUp(Admin admin) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.SESSIONS, Topics.RECORDINGS)) {
            for (int p = 0; p < Topics.DEFAULT_PARTITIONS.get(topic); p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("callrec-catalog")
                .partitionsToOffsetAndMetadata().get();
        return partitions.stream().allMatch(p -> ends.get(p).offset() == 0
                || (committed.get(p) != null && committed.get(p).offset() >= ends.get(p).offset()));
    }

    private static String cpuModel() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown");
        }
    }
}
