package io.callrec.catalog.api.signin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.callrec.catalog.support.AliceRecordings;
import io.callrec.catalog.support.Events;
import io.callrec.catalog.support.KeycloakTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The oidc profile against a real Keycloak: tokens from its realm, roles and device claims from the token. */
@QuarkusTest
@TestProfile(OidcSignInTest.OidcProfile.class)
class OidcSignInTest {
    private static final Instant START = Instant.parse("2025-07-08T09:10:11Z");

    public static class OidcProfile implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "test,oidc";
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KeycloakTestResource.class));
        }
    }

    private static String token(String realm, String user, String password) {
        return given().formParam("grant_type", "password").formParam("client_id", KeycloakTestResource.CLIENT)
                .formParam("username", user).formParam("password", password)
                .post(KeycloakTestResource.issuer(realm) + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

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
}
