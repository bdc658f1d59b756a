package io.callrec.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Against AWS's published example; {@code ObjectStoreTest} uploads with it to the real s3proxy. */
class SigV4PresignerTest {
    private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @Test
    void signsAwsDocumentedGetExample() {
        SigV4Presigner presigner = new SigV4Presigner(URI.create("https://examplebucket.s3.amazonaws.com"),
                "us-east-1", ACCESS_KEY, SECRET_KEY);

        URI url = presigner.presign("GET", "/test.txt", Duration.ofDays(1), Instant.parse("2013-05-24T00:00:00Z"));

        // "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)", Amazon S3 API Reference.
        assertThat(url).hasToString("https://examplebucket.s3.amazonaws.com/test.txt"
                + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
    }

    @Test
    void aUrlOfTheNextDayIsSignedWithThatDaysKey() {
        SigV4Presigner presigner = new SigV4Presigner(URI.create("https://examplebucket.s3.amazonaws.com"),
                "us-east-1", ACCESS_KEY, SECRET_KEY);
        presigner.presign("GET", "/test.txt", Duration.ofDays(1), Instant.parse("2013-05-23T23:59:59Z"));

        URI nextDay = presigner.presign("GET", "/test.txt", Duration.ofDays(1), Instant.parse("2013-05-24T00:00:00Z"));

        assertThat(nextDay.getRawQuery()).endsWith(
                "X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
    }

    @Test
    void encodesThePathAsS3DoesKeepingSlashes() {
        assertThat(SigV4Presigner.encode("/bucket/a b/Grüße+1~_-.wav", true))
                .isEqualTo("/bucket/a%20b/Gr%C3%BC%C3%9Fe%2B1~_-.wav");
        assertThat(SigV4Presigner.encode("a/b", false)).isEqualTo("a%2Fb");
    }

    @Test
    void signsTheEndpointsPortOnlyWhenItIsNotTheSchemes() {
        Instant now = Instant.parse("2013-05-24T00:00:00Z");
        URI defaultPort = new SigV4Presigner(URI.create("https://examplebucket.s3.amazonaws.com:443"), "us-east-1",
                ACCESS_KEY, SECRET_KEY).presign("GET", "/test.txt", Duration.ofDays(1), now);
        URI otherPort = new SigV4Presigner(URI.create("https://examplebucket.s3.amazonaws.com:8443"), "us-east-1",
                ACCESS_KEY, SECRET_KEY).presign("GET", "/test.txt", Duration.ofDays(1), now);

        assertThat(defaultPort.getRawQuery()).endsWith("aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
        assertThat(otherPort.getRawQuery()).doesNotEndWith("aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
        assertThat(otherPort.getPort()).isEqualTo(8443);
    }

    @Test
    void theEndpointComesFromTheMinioSettingsAsQuarkusMinioReadsThem() {
        assertThat(SigV4PresignerProducer.endpoint("http://127.0.0.1", Optional.of(19000), false))
                .hasToString("http://127.0.0.1:19000");
        assertThat(SigV4PresignerProducer.endpoint("minio", Optional.empty(), true)).hasToString("https://minio");
        assertThat(SigV4PresignerProducer.endpoint("http://minio:9000", Optional.empty(), true))
                .hasToString("https://minio:9000");
    }
}
