package io.callrec.catalog.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.UUID;

/** REST-assured requests as the test users (see the %test users in application.properties). */
public final class Api {
    private Api() {
    }

    public static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user);
    }

    public static RequestSpecification admin() {
        return as("admin");
    }

    public static RequestSpecification anonymous() {
        return given();
    }

    /** Waits until the recording has the status, as the admin sees it. */
    public static void awaitStatus(UUID id, String status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin()
                .get("/api/v1/recordings/{id}", id)
                .then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo(status)));
    }
}
