package io.callrec.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callrec.contracts.Topics;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStackTest {

    @TempDir
    Path dataDir;

    @Test
    void restartWithTheSameFolderKeepsTopicsRowsAndObjects() throws Exception {
        StackSettings settings = StackSettings.defaults(dataDir).withFreePorts();
        try (EmbeddedStack stack = EmbeddedStack.start(settings)) {
            assertTopicsCreated(stack.kafkaBootstrapServers());
            try (Connection db = connect(stack); Statement st = db.createStatement()) {
                st.execute("CREATE TABLE kept (v text)");
                st.execute("INSERT INTO kept VALUES ('still here')");
            }
            assertEquals(403, statusOfUnsignedPut(stack.s3().endpoint(), settings.bucket()),
                    "the S3 store must refuse unsigned requests");
        }
        try (EmbeddedStack again = EmbeddedStack.start(settings)) {
            assertTopicsCreated(again.kafkaBootstrapServers());
            try (Connection db = connect(again); Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("SELECT v FROM kept")) {
                assertTrue(rs.next());
                assertEquals("still here", rs.getString(1));
            }
            assertTrue(Files.isDirectory(dataDir.resolve("s3").resolve(settings.bucket())), "bucket kept");
        }
    }

    @Test
    void aPortInUseGivesOneClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StackSettings base = StackSettings.defaults(dataDir).withFreePorts();
            StackSettings clash = new StackSettings(dataDir, base.kafkaPort(), taken.getLocalPort(), base.s3Port(),
                    base.bucket(), base.s3AccessKey(), base.s3SecretKey(), base.advertisedHost());
            StackStartException e = assertThrows(StackStartException.class, () -> EmbeddedStack.start(clash));
            assertEquals("PostgreSQL port " + taken.getLocalPort() + " is already in use on 127.0.0.1", e.getMessage());
        }
    }

    /** What the infrastructure image relies on: clients on other machines reach all three by the advertised name. */
    @Test
    void aStackAdvertisedUnderAnotherAddressServesItsClientsThere() throws Exception {
        String address = nonLoopbackAddress();
        StackSettings settings = new StackSettings(dataDir, 0, 0, 0, "callrec-recordings", "callrec", "callrec-secret",
                address);
        try (EmbeddedStack stack = EmbeddedStack.start(settings)) {
            assertEquals(address + ":" + stack.kafka().port(), stack.kafkaBootstrapServers());
            assertTopicsCreated(stack.kafkaBootstrapServers());

            stack.postgres().allowPasswordLogin("callrec", "a-pass'word");
            try (Connection db = DriverManager.getConnection("jdbc:postgresql://" + address + ":"
                    + stack.postgres().port() + "/" + StackSettings.DATABASE, "callrec", "a-pass'word");
                 Statement st = db.createStatement()) {
                st.execute("CREATE TABLE owned_by_the_login (v text)");
            }
            assertThrows(Exception.class, () -> DriverManager.getConnection("jdbc:postgresql://" + address + ":"
                    + stack.postgres().port() + "/" + StackSettings.DATABASE, "callrec", "wrong").close());

            HttpURLConnection c = (HttpURLConnection) URI.create("http://" + address + ":" + stack.s3().port() + "/")
                    .toURL().openConnection();
            try {
                assertEquals(403, c.getResponseCode(), "the S3 store answers, and wants a signature");
            } finally {
                c.disconnect();
            }
        }
    }

    private static String nonLoopbackAddress() throws Exception {
        return NetworkInterface.networkInterfaces()
                .filter(i -> isUp(i) && !isLoopback(i))
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address)
                .map(InetAddress::getHostAddress)
                .findFirst()
                .orElseThrow(() -> new AssertionError("this test needs a non-loopback IPv4 address"));
    }

    private static boolean isUp(NetworkInterface i) {
        try {
            return i.isUp();
        } catch (SocketException e) {
            return false;
        }
    }

    private static boolean isLoopback(NetworkInterface i) {
        try {
            return i.isLoopback();
        } catch (SocketException e) {
            return true;
        }
    }

    /** callrec's topics exist on the broker at {@code bootstrap}, each with its partition count. */
    static void assertTopicsCreated(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.DEFAULT_PARTITIONS.keySet())
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            Topics.DEFAULT_PARTITIONS.forEach((name, partitions) ->
                    assertEquals(partitions, topics.get(name).partitions().size(), name));
        }
    }

    private static Connection connect(EmbeddedStack stack) throws Exception {
        return DriverManager.getConnection(stack.postgres().jdbcUrl(), StackSettings.DATABASE_USER,
                StackSettings.DATABASE_PASSWORD);
    }

    /** The HTTP status of a PUT without a signature into {@code bucket} of the S3 store at {@code endpoint}. */
    static int statusOfUnsignedPut(String endpoint, String bucket) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(endpoint + "/" + bucket + "/intruder.txt").toURL()
                .openConnection();
        try {
            c.setRequestMethod("PUT");
            c.setDoOutput(true);
            c.getOutputStream().write("x".getBytes());
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }
}
