package io.callrec.catalog.api;

import static io.callrec.catalog.support.Api.anonymous;
import static org.hamcrest.Matchers.hasKey;

import io.callrec.stack.CallrecStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class OpenApiTest {

    @Test
    void documentsEveryEndpoint() {
        anonymous().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/recordings"))
                .body("paths", hasKey("/api/v1/recordings/{id}"))
                .body("paths", hasKey("/api/v1/recordings/{id}/audio"))
                .body("paths", hasKey("/api/v1/recordings/{id}/protection"))
                .body("paths", hasKey("/api/v1/settings/retention"))
                .body("paths", hasKey("/api/v1/audit"))
                .body("paths", hasKey("/api/v1/imports/usb"))
                .body("paths", hasKey("/api/v1/imports/{id}"))
                .body("paths", hasKey("/recordings/Files/{name}"))
                .body("components.securitySchemes", hasKey("SecurityScheme"));
    }
}
