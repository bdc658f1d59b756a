package io.callrec.transcoder.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.callrec.platform.storage.ObjectStore;
import io.callrec.platform.storage.SigV4Presigner;
import io.callrec.stack.CallrecStackTestResource;
import io.callrec.stack.FreePorts;
import io.callrec.transcoder.config.TranscoderConfig;
import io.callrec.transcoder.storage.RecordingStore;
import io.minio.MinioClient;
import java.net.URI;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Against the real object store, and against a port where none answers. */
@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class ImportFailurePolicyTest {
    @Inject
    RecordingStore store;
    @Inject
    ObjectStore objects;
    @Inject
    TranscoderConfig config;

    @Test
    void aPassingFailureIsRetriedUntilItFailedTheConfiguredTimesInARow() {
        ImportFailurePolicy policy = new ImportFailurePolicy(store, config);
        UUID id = UUID.randomUUID();
        for (int attempt = 1; attempt < config.importMaxAttempts(); attempt++) {
            assertThat(policy.giveUpReason(id, new IOException("spool disk full"))).isEmpty();
        }
        assertThat(policy.giveUpReason(id, new IOException("spool disk full")))
                .contains("conversion failed 5 times in a row, last: spool disk full");
    }

    @Test
    void aConversionFlawIsGivenUpAtOnce() {
        ImportFailurePolicy policy = new ImportFailurePolicy(store, config);
        Optional<String> reason = policy.giveUpReason(UUID.randomUUID(), new ArrayIndexOutOfBoundsException(7));
        assertThat(reason).hasValueSatisfying(r -> assertThat(r).startsWith("the files could not be converted"));
    }

    @Test
    void anObjectStoreOutageIsWaitedOutHoweverOftenItFails() {
        String nowhere = "http://127.0.0.1:" + FreePorts.find();
        MinioClient nobody = MinioClient.builder().endpoint(nowhere).credentials("callrec", "callrec-secret").build();
        SigV4Presigner presigner = new SigV4Presigner(URI.create(nowhere), "us-east-1", "callrec", "callrec-secret");
        ImportFailurePolicy policy = new ImportFailurePolicy(
                new RecordingStore(new ObjectStore(nobody, presigner, objects.bucket())), config);
        UUID id = UUID.randomUUID();
        for (int attempt = 0; attempt < 3 * config.importMaxAttempts(); attempt++) {
            assertThat(policy.giveUpReason(id, new IOException("Connection refused"))).isEmpty();
        }
    }
}
