package io.callrec.catalog.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.callrec.stack.Folders;
import io.callrec.stack.FreePorts;
import io.callrec.stack.StackStartException;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Keycloak (the keycloak-quarkus-dist from Maven Central, unpacked into target/keycloak by the build) in
 * dev mode on a free port, with the realms in src/test/resources/keycloak imported: "callrec" (client
 * callrec-catalog with direct access grants; the confidential client callrec-catalog-web for the web page's
 * authorization-code flow, its redirect URIs any port on this machine, its access and ID tokens valid for 10 s so
 * that every web session soon lives on refreshed tokens (WebSessionRefreshTest waits for that); alice with role
 * user and the device/extension claims, root with role admin) and "elsewhere" (another issuer). Keycloak needs Java 21+: $KEYCLOAK_JAVA_HOME, else {@value #JAVA_HOME}.
 * Started once per test JVM.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String REALM = "callrec";
    public static final String OTHER_REALM = "elsewhere";
    public static final String CLIENT = "callrec-catalog";
    public static final String WEB_CLIENT = "callrec-catalog-web";
    private static final String WEB_CLIENT_SECRET = "callrec-web-test-secret-0123456789abcdef";
    private static final String JAVA_HOME = "/usr/lib/jvm/temurin-25-jdk-amd64";
    private static final Duration READY_WITHIN = Duration.ofMinutes(6);
    private static final List<String> REALM_FILES = List.of("callrec-realm.json", "elsewhere-realm.json");

    private static Process keycloak;
    private static String baseUrl;

    @Override
    public Map<String, String> start() {
        synchronized (KeycloakTestResource.class) {
            if (keycloak == null) {
                Path home = unpacked();
                importRealms(home);
                FreePorts.startOnPort(0, port -> {
                    keycloak = launch(home, port);
                    baseUrl = "http://127.0.0.1:" + port;
                    return keycloak;
                });
                Runtime.getRuntime().addShutdownHook(new Thread(KeycloakTestResource::stopKeycloak));
            }
        }
        return Map.of("quarkus.oidc.auth-server-url", issuer(REALM), "quarkus.oidc.client-id", CLIENT,
                "quarkus.oidc.web.client-id", WEB_CLIENT, "quarkus.oidc.web.credentials.secret", WEB_CLIENT_SECRET);
    }

    @Override
    public void stop() {
        // Kept for the rest of the JVM: it takes minutes to start on two cores.
    }

    public static String issuer(String realm) {
        return baseUrl + "/realms/" + realm;
    }

    /** An access token of the API client for that user (the password grant). */
    public static String token(String realm, String user, String password) {
        return given().formParam("grant_type", "password").formParam("client_id", CLIENT)
                .formParam("username", user).formParam("password", password)
                .post(issuer(realm) + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    private static Process launch(Path home, int port) {
        Path log = home.resolve("keycloak-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-host=127.0.0.1", "--import-realm")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getenv().getOrDefault("KEYCLOAK_JAVA_HOME", JAVA_HOME));
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        try {
            Process process = builder.start();
            String wellKnown = "http://127.0.0.1:" + port + "/realms/" + REALM + "/.well-known/openid-configuration";
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(READY_WITHIN).pollInterval(Duration.ofSeconds(2)).until(() -> !process.isAlive()
                    || answers(http, wellKnown));
            if (!process.isAlive()) {
                throw new StackStartException(Files.readString(log).contains("Address already in use")
                        ? "Keycloak port " + port + " taken" : "Keycloak exited; see " + log);
            }
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean answers(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path unpacked() {
        try (Stream<Path> homes = Files.list(Path.of("target", "keycloak"))) {
            return homes.filter(p -> p.getFileName().toString().startsWith("keycloak-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("run the build: target/keycloak has no Keycloak"))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("target/keycloak is missing: the build unpacks Keycloak there", e);
        }
    }

    /**
     * Puts the realm files where {@code --import-realm} reads them, after dropping the database of an earlier run:
     * Keycloak skips a realm it already has, so a working copy would keep testing against yesterday's realm.
     */
    private static void importRealms(Path home) {
        Path imports = home.resolve("data/import");
        try {
            Folders.deleteTree(home.resolve("data/h2"));
            Files.createDirectories(imports);
            for (String file : REALM_FILES) {
                try (InputStream realm = KeycloakTestResource.class.getResourceAsStream("/keycloak/" + file)) {
                    Files.write(imports.resolve(file), realm.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stopKeycloak() {
        if (keycloak != null) {
            keycloak.descendants().forEach(ProcessHandle::destroy);
            keycloak.destroy();
        }
    }
}
