package io.callrec.catalog.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The oidc profile against the real Keycloak of {@link KeycloakTestResource}; one app for every test using it. */
public class OidcProfile implements QuarkusTestProfile {
    @Override
    public String getConfigProfile() {
        return "test,oidc";
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KeycloakTestResource.class));
    }
}
