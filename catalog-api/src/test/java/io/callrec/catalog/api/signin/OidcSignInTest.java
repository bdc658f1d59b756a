package io.callrec.catalog.api.signin;

import static io.callrec.catalog.support.KeycloakTestResource.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.callrec.catalog.support.AliceRecordings;
import io.callrec.catalog.support.Events;
import io.callrec.catalog.support.KeycloakTestResource;
import io.callrec.catalog.support.OidcProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The oidc profile against a real Keycloak: tokens from its realm, roles and device claims from the token; an API
 * client without a token is refused, never sent to the identity provider (only the web page's /sign-in is).
 */
@QuarkusTest
@TestProfile(OidcProfile.class)
class OidcSignInTest {
    private static final Instant START = Instant.parse("2025-07-08T09:10:11Z");

    private static RequestSpecification bearer(String token) {
        return given().auth().oauth2(token);
    }

    @Test
    void aUserSeesHerDevicesRecordingsAndAnAdminSeesAll() {
        UUID alices = AliceRecordings.publishAvailable(START);
        UUID someoneElses = UUID.randomUUID();
        Events.publish(Events.started(someoneElses, Events.randomDevice(), "1999", "Zed", "200", "Bob", "in", START));
        String alice = token(KeycloakTestResource.REALM, "alice", "alice-secret-1");
        String root = token(KeycloakTestResource.REALM, "root", "root-secret-1");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            bearer(root).get("/api/v1/recordings/{id}", someoneElses).then().statusCode(200);
            bearer(root).get("/api/v1/recordings/{id}", alices).then().statusCode(200)
                    .body("status", equalTo("available"));
        });

        bearer(alice).get("/api/v1/me").then().statusCode(200).body("name", equalTo("alice"))
                .body("admin", equalTo(false));
        bearer(alice).get("/api/v1/recordings/{id}", alices).then().statusCode(200);
        bearer(alice).get("/api/v1/recordings/{id}", someoneElses).then().statusCode(404);
        bearer(alice).queryParam("localNumber", "1999").get("/api/v1/recordings").then().body("total", equalTo(0));
        bearer(alice).get("/api/v1/audit").then().statusCode(403);
        bearer(root).get("/api/v1/me").then().body("admin", equalTo(true));
        assertThat(bearer(root).queryParam("localNumber", "1999").get("/api/v1/recordings").jsonPath()
                .getList("items.id", String.class)).contains(someoneElses.toString());
    }

    @Test
    void noTokenAnotherIssuersTokenOrABuiltInUserIsRefused() {
        given().get("/api/v1/me").then().statusCode(401);
        bearer(token(KeycloakTestResource.OTHER_REALM, "alice", "alice-secret-1")).get("/api/v1/me").then()
                .statusCode(401);
        bearer("not.a.token").get("/api/v1/me").then().statusCode(401);
        given().auth().preemptive().basic("alice", "alice").get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void anApiRequestWithoutATokenIsRefusedAndNeverRedirected() {
        for (String path : List.of("/api/v1/me", "/api/v1/recordings", "/api/v1/audit")) {
            given().redirects().follow(false).accept("text/html").get(path).then().statusCode(401)
                    .header("Location", nullValue());
            given().redirects().follow(false).header("X-Requested-With", "JavaScript").get(path).then()
                    .statusCode(401).header("Location", nullValue());
        }
        given().redirects().follow(false).contentType("application/json").body("{}")
                .put("/api/v1/settings/retention").then().statusCode(401).header("Location", nullValue());
    }

    @Test
    void theWebPageIsToldToOfferTheIdentityProviderWhoseSignInStartsAtItsLoginPage() {
        given().get("/api/v1/sign-in").then().statusCode(200).body("method", equalTo("identity-provider"));
        given().redirects().follow(false).get("/sign-in").then().statusCode(302)
                .header("Location", startsWith(KeycloakTestResource.issuer(KeycloakTestResource.REALM)
                        + "/protocol/openid-connect/auth?"))
                .header("Location", containsString("client_id=" + KeycloakTestResource.WEB_CLIENT));
    }
}
