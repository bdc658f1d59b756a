package io.callrec.catalog.api.signin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.callrec.contracts.Problem;
import io.callrec.stack.CallrecStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class SignInTest {
    @Test
    void failedLoginsAreThrottledPerUserWithRetryAfter() {
        for (int i = 0; i < 5; i++) {
            given().auth().preemptive().basic("mallory", "guess" + i).get("/api/v1/me").then().statusCode(401);
        }
        Response throttled = given().auth().preemptive().basic("mallory", "guess5").get("/api/v1/me");

        assertThat(throttled.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(throttled.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 300L);
        assertThat(throttled.contentType()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(throttled.jsonPath().getString("type")).isEqualTo("urn:callrec:problem:too-many-logins");
        assertThat(throttled.jsonPath().getString("title")).isEqualTo("Too many failed logins");
        assertThat(throttled.jsonPath().getInt("status")).isEqualTo(429);
        assertThat(throttled.jsonPath().getString("detail")).endsWith("retry after " + retryAfter + " s.");
        // Other users log in as before.
        given().auth().preemptive().basic("alice", "alice").get("/api/v1/me").then().statusCode(200)
                .body("name", equalTo("alice"));
    }

    @Test
    void aLockedOutUserIsRefusedEvenWithTheRightPassword() {
        for (int i = 0; i < 5; i++) {
            given().auth().preemptive().basic("pbx", "wrong" + i).get("/api/v1/me").then().statusCode(401);
        }
        given().auth().preemptive().basic("pbx", "pbx").get("/api/v1/me").then().statusCode(429);
    }
}
