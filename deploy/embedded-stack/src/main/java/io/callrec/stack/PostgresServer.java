package io.callrec.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** A real PostgreSQL server (binaries from the zonky jar) on loopback, data kept in {@code <dataDir>/postgres}. */
public final class PostgresServer implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static PostgresServer start(Path dataDir, int port) {
        FreePorts.requireFree(port, "PostgreSQL");
        try {
            Path dir = dataDir.resolve("postgres");
            Files.createDirectories(dir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            PostgresServer server = new PostgresServer(postgres);
            server.createDatabase(StackSettings.DATABASE);
            return server;
        } catch (IOException | SQLException | RuntimeException e) {
            throw new StackStartException("PostgreSQL could not start on port " + port + ": " + rootMessage(e), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + StackSettings.DATABASE;
    }

    /** The URL form of Quarkus' reactive client. */
    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port() + "/" + StackSettings.DATABASE;
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
    public void close() throws IOException {
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
