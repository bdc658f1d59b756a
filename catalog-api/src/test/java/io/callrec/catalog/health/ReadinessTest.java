package io.callrec.catalog.health;

import static io.callrec.catalog.support.Api.anonymous;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import io.callrec.stack.CallrecStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class ReadinessTest {
    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @Test
    void readyWhenPostgresKafkaAndTheBucketAnswer() {
        anonymous().get(readiness).then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", containsInAnyOrder("postgresql", "kafka", "object-store"))
                .body("checks.status", everyItem(equalTo("UP")));
    }
}
