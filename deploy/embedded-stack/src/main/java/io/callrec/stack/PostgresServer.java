package io.callrec.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server (binaries from the zonky jar) on the stack's listen address, data kept in
 * {@code <dataDir>/postgres}. Loopback clients are trusted; others need a password login.
 */
public final class PostgresServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final String listenAddress;
    private EmbeddedPostgres postgres;

    private PostgresServer(Path dir, int port, String listenAddress) {
        this.dir = dir;
        this.port = port;
        this.listenAddress = listenAddress;
        this.postgres = startServer(dir, port, listenAddress);
    }

    public static PostgresServer start(Path dataDir, int port, String listenAddress) {
        FreePorts.requireFree(port, "PostgreSQL");
        return FreePorts.startOnPort(port, chosen -> {
            PostgresServer server = new PostgresServer(dataDir.resolve("postgres"), chosen, listenAddress);
            try {
                server.createDatabase(StackSettings.DATABASE);
            } catch (SQLException e) {
                throw new StackStartException("PostgreSQL could not create its database: " + rootMessage(e), e);
            }
            return server;
        });
    }

    private static EmbeddedPostgres startServer(Path dir, int port, String listenAddress) {
        try {
            Files.createDirectories(dir);
            return EmbeddedPostgres.builder()
                    .setPort(port)
                    .setServerConfig("listen_addresses", listenAddress)
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new StackStartException("PostgreSQL could not start on port " + port + ": " + rootMessage(e), e);
        }
    }

    /** Stops the server and starts it again on the same port and data: clients lose their connections. */
    public synchronized void restart() throws IOException {
        postgres.close();
        postgres = startServer(dir, port, listenAddress);
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + StackSettings.DATABASE;
    }

    /**
     * Lets {@code user} (created if missing, owner of the stack's database) sign in with {@code password} from any
     * address: what a stack in a container needs, where the clients are other pods.
     */
    public void allowPasswordLogin(String user, String password) throws SQLException, IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            String quotedPassword = "'" + password.replace("'", "''") + "'";
            try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '"
                    + user.replace("'", "''") + "'")) {
                statement.execute((rs.next() ? "ALTER" : "CREATE") + " ROLE \"" + user + "\" LOGIN PASSWORD "
                        + quotedPassword);
            }
            statement.execute("ALTER DATABASE " + StackSettings.DATABASE + " OWNER TO \"" + user + "\"");
            Path hba = dir.resolve("pg_hba.conf");
            String rule = "host all all all md5"; // md5 also accepts a password stored as SCRAM
            if (!Files.readString(hba).contains(rule)) {
                Files.writeString(hba, "\n" + rule + "\n", StandardOpenOption.APPEND);
            }
            statement.execute("SELECT pg_reload_conf()");
        }
    }

    private void createDatabase(String name) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER USER " + StackSettings.DATABASE_USER + " PASSWORD '"
                    + StackSettings.DATABASE_PASSWORD + "'");
            try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (!rs.next()) {
                    statement.execute("CREATE DATABASE " + name);
                }
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        postgres.close();
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
