package io.callrec.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The infrastructure the tests get, whichever {@code callrec.stack} chose: the services' configuration reaches a
 * Kafka with callrec's topics that carries records, a PostgreSQL that takes the configured login, and an S3 store
 * with the bucket that wants signatures. {@code ./callrec test-k8s} runs it with {@code -Dcallrec.stack=containers}.
 */
class CallrecStackTestResourceTest {

    @Test
    void theServicesConfigurationReachesKafkaPostgresqlAndS3() throws Exception {
        Infrastructure stack = CallrecStackTestResource.stack();
        Map<String, String> config = stack.serviceConfig();

        EmbeddedStackTest.assertTopicsCreated(config.get("kafka.bootstrap.servers"));
        assertEquals("a record", roundTrip(config.get("kafka.bootstrap.servers")));

        try (Connection db = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
             Statement st = db.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS resource_check (v text)");
            st.execute("INSERT INTO resource_check VALUES ('kept')");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM resource_check")) {
                assertTrue(rs.next() && rs.getInt(1) > 0);
            }
        }

        String s3 = config.get("quarkus.minio.host") + ":" + config.get("quarkus.minio.port");
        MinioClient client = MinioClient.builder().endpoint(s3)
                .credentials(config.get("quarkus.minio.access-key"), config.get("quarkus.minio.secret-key")).build();
        assertTrue(client.bucketExists(BucketExistsArgs.builder().bucket(config.get("callrec.storage.bucket")).build()));
        assertEquals(403, EmbeddedStackTest.statusOfUnsignedPut(s3, config.get("callrec.storage.bucket")),
                "the S3 store must refuse unsigned requests");
    }

    /**
     * The switch chooses: with {@code containers}, the image's container reached on the ports the engine mapped;
     * without it, the in-process stack.
     */
    @Test
    void theSwitchChoosesTheInfrastructure() {
        String choice = System.getProperty("callrec.stack", System.getenv("CALLREC_STACK"));
        if ("containers".equals(choice)) {
            InfrastructureContainer container = assertInstanceOf(InfrastructureContainer.class,
                    CallrecStackTestResource.stack());
            assertTrue(container.isRunning());
            assertEquals(container.getHost() + ":" + container.getMappedPort(9092), container.kafkaBootstrapServers());
            assertNotEquals(5432, container.postgresPort());
            assertNotEquals(9000, container.s3Port());
        } else {
            assertInstanceOf(EmbeddedStack.class, CallrecStackTestResource.stack());
        }
    }

    /** Produces a record to a topic of its own and reads it back: the broker's advertised address works here. */
    private static String roundTrip(String bootstrap) throws Exception {
        String topic = "resource-check";
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin a = Admin.create(admin)) {
            if (!a.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                a.createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
                        .all().get(30, TimeUnit.SECONDS);
            }
        }
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> p = new KafkaProducer<>(producer)) {
            p.send(new ProducerRecord<>(topic, "key", "a record")).get(30, TimeUnit.SECONDS);
        }
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "resource-check");
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumer)) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = c.poll(Duration.ofSeconds(1));
                if (!records.isEmpty()) {
                    return records.iterator().next().value();
                }
            }
        }
        return "nothing within 60 s";
    }
}
