package io.callrec.catalog.api;

import static io.callrec.catalog.support.Api.admin;
import static io.callrec.catalog.support.Api.as;
import static io.callrec.catalog.support.Api.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.callrec.contracts.Problem;
import io.callrec.catalog.support.Bucket;
import io.callrec.catalog.support.Events;
import io.callrec.catalog.support.ImportRequests;
import io.callrec.contracts.ImportRequest;
import io.callrec.contracts.RecordingEvent;
import io.callrec.stack.CallrecStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class ImportTest {
    private static final String PBX_NAME = "f9e5956e47d460010630009033302ab1-009033302ab1-11--山田.pcap";

    /** A phone USB file: 64-byte codec name, rtpLen, increment, dataSize, then RTP data. */
    private static byte[] usbFile(int rtpBytes) {
        ByteBuffer file = ByteBuffer.allocate(76 + rtpBytes).order(ByteOrder.LITTLE_ENDIAN);
        file.put("PCMA".getBytes(StandardCharsets.US_ASCII)).position(64);
        file.putInt(172).putInt(160).putInt(rtpBytes);
        return file.array();
    }

    private static byte[] pcapFile(int magic) {
        return ByteBuffer.allocate(100).putInt(magic).putShort((short) 2).putShort((short) 4).array();
    }

    private static RequestSpecification usbUpload(String user, byte[]... files) {
        RequestSpecification request = as(user);
        for (int i = 0; i < files.length; i++) {
            request.multiPart("file", "Record_2025010210300" + i, files[i], "application/octet-stream");
        }
        return request;
    }

    @Test
    void usbFilesAreStoredQueuedAndOwnedByTheImporter() {
        byte[] first = usbFile(320);
        byte[] second = usbFile(640);
        JsonPath receipt = usbUpload("alice", first, second).post("/api/v1/imports/usb").then()
                .statusCode(202).extract().jsonPath();
        String importId = receipt.getString("importId");
        List<String> recordingIds = receipt.getList("recordingIds");
        assertThat(recordingIds).hasSize(2);
        assertThat(receipt.getString("statusUrl")).isEqualTo("/api/v1/imports/" + importId);

        ConsumerRecord<String, String> queued = ImportRequests.awaitFor(UUID.fromString(recordingIds.get(0)));
        ImportRequest request = ImportRequests.parse(queued);
        assertThat(queued.key()).isEqualTo(recordingIds.get(0));
        assertThat(request.kind()).isEqualTo(ImportRequest.USB);
        assertThat(request.startedAt()).isEqualTo(Instant.parse("2025-01-02T10:30:00Z"));
        assertThat(request.objectKeys()).singleElement().asString()
                .matches("imports/\\d{4}/\\d{2}/\\d{2}/" + importId + "/0");
        assertThat(Bucket.get(request.objectKeys().get(0))).isEqualTo(first);
        assertThat(Bucket.get(ImportRequests.parse(ImportRequests.awaitFor(UUID.fromString(recordingIds.get(1))))
                .objectKeys().get(0))).isEqualTo(second);

        as("alice").get("/api/v1/recordings/{id}", recordingIds.get(0)).then().statusCode(200)
                .body("status", equalTo("processing")).body("startedAt", equalTo("2025-01-02T10:30:00Z"));
        as("bob").get("/api/v1/recordings/{id}", recordingIds.get(0)).then().statusCode(404);
        as("alice").get("/api/v1/imports/{id}", importId).then().statusCode(200)
                .body("kind", equalTo("usb")).body("owner", equalTo("alice"))
                .body("status", equalTo("processing"))
                .body("files.name", org.hamcrest.Matchers.contains("Record_20250102103000", "Record_20250102103001"))
                .body("files.sizeBytes", org.hamcrest.Matchers.contains(396, 716));
        as("bob").get("/api/v1/imports/{id}", importId).then().statusCode(404);
        admin().queryParam("recordingId", recordingIds.get(1)).queryParam("action", "import").get("/api/v1/audit")
                .then().body("items[0].actor", equalTo("alice"))
                .body("items[0].detail", equalTo("usb import " + importId));
    }

    @Test
    void transcoderAnswerCompletesTheImport() {
        JsonPath receipt = usbUpload("alice", usbFile(160)).post("/api/v1/imports/usb").then()
                .statusCode(202).extract().jsonPath();
        UUID recordingId = UUID.fromString(receipt.getList("recordingIds", String.class).get(0));
        Events.publish(new RecordingEvent(RecordingEvent.STORED, recordingId, "recordings/2025/01/02/x.wav", 400,
                20, 8000, 1, "PCMU", "cd".repeat(32), 1, 0, 0, 0, 0, null, null, null, Instant.now()));

        awaitStatus(recordingId, "available");
        as("alice").get("/api/v1/imports/{id}", receipt.getString("importId")).then()
                .body("status", equalTo("completed"))
                .body("recordings[0].status", equalTo("available"))
                .body("recordings[0].codec", equalTo("PCMU"))
                .body("recordings[0].channels", equalTo(1));
        as("alice").get("/api/v1/recordings/{id}", recordingId).then()
                .body("codec", equalTo("PCMU")).body("channels", equalTo(1));
    }

    @Test
    void aFailedImportSaysWhyOnTheImportAndItsRecording() {
        JsonPath receipt = usbUpload("alice", usbFile(160)).post("/api/v1/imports/usb").then()
                .statusCode(202).extract().jsonPath();
        UUID recordingId = UUID.fromString(receipt.getList("recordingIds", String.class).get(0));
        String reason = "file 1: unknown codec \"GSM\": expected PCMA, PCMU or G722";
        Events.publish(RecordingEvent.failed(recordingId, reason, Instant.now()));

        awaitStatus(recordingId, "failed");
        as("alice").get("/api/v1/imports/{id}", receipt.getString("importId")).then()
                .body("status", equalTo("failed"))
                .body("recordings[0].failureReason", equalTo(reason));
        as("alice").get("/api/v1/recordings/{id}", recordingId).then().body("failureReason", equalTo(reason));
    }

    @Test
    void deletingAnImportedRecordingDeletesTheUploadedFiles() {
        JsonPath receipt = usbUpload("alice", usbFile(160), usbFile(160)).multiPart("joined", "true")
                .post("/api/v1/imports/usb").then().statusCode(202).extract().jsonPath();
        UUID recordingId = UUID.fromString(receipt.getList("recordingIds", String.class).get(0));
        List<String> uploaded = ImportRequests.parse(ImportRequests.awaitFor(recordingId)).objectKeys();
        assertThat(uploaded).hasSize(2).allMatch(Bucket::exists);

        as("alice").delete("/api/v1/recordings/{id}", recordingId).then().statusCode(204);

        assertThat(uploaded).noneMatch(Bucket::exists);
        as("alice").get("/api/v1/recordings/{id}", recordingId).then().statusCode(404);
    }

    @Test
    void joinedFilesBecomeOneRecording() {
        JsonPath receipt = usbUpload("alice", usbFile(160), usbFile(160)).multiPart("joined", "true")
                .post("/api/v1/imports/usb").then().statusCode(202).extract().jsonPath();
        List<String> recordingIds = receipt.getList("recordingIds");
        assertThat(recordingIds).hasSize(1);
        ImportRequest request = ImportRequests.parse(ImportRequests.awaitFor(UUID.fromString(recordingIds.get(0))));
        assertThat(request.objectKeys()).hasSize(2);
        assertThat(request.fileNames()).containsExactly("Record_20250102103000", "Record_20250102103001");
    }

    /** Phones also write the time with separators; both parts are one call, started when the first name says. */
    @Test
    void rolloverFilesNamedWithSeparatorsBecomeOneRecordingStartedByTheirNames() {
        JsonPath receipt = as("alice")
                .multiPart("file", "Record_20250102_103000.wav", usbFile(160), "application/octet-stream")
                .multiPart("file", "Record_20250102_103001.wav", usbFile(160), "application/octet-stream")
                .multiPart("joined", "true")
                .post("/api/v1/imports/usb").then().statusCode(202).extract().jsonPath();
        List<String> recordingIds = receipt.getList("recordingIds");
        assertThat(recordingIds).hasSize(1);
        ImportRequest request = ImportRequests.parse(ImportRequests.awaitFor(UUID.fromString(recordingIds.get(0))));
        assertThat(request.startedAt()).isEqualTo(Instant.parse("2025-01-02T10:30:00Z"));
        as("alice").get("/api/v1/recordings/{id}", recordingIds.get(0)).then().statusCode(200)
                .body("startedAt", equalTo("2025-01-02T10:30:00Z"));
    }

    @Test
    void adminAssignsAnImportToADeviceAndExtension() {
        String recordingId = usbUpload("admin", usbFile(160)).multiPart("device", "0C383E000002")
                .multiPart("extension", "1002").post("/api/v1/imports/usb").then().statusCode(202)
                .extract().jsonPath().getString("recordingIds[0]");
        as("bob").get("/api/v1/recordings/{id}", recordingId).then().statusCode(200)
                .body("device", equalTo("0c:38:3e:00:00:02")).body("localNumber", equalTo("1002"));
    }

    @Test
    void usersCannotAssignImportsToDevices() {
        usbUpload("alice", usbFile(160)).multiPart("device", "0c:38:3e:00:00:02").post("/api/v1/imports/usb")
                .then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("Only an admin"));
    }

    @Test
    void badUsbUploadsAreRefusedWithAProblem() {
        usbUpload("alice", new byte[75]).post("/api/v1/imports/usb").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("detail", containsString("shorter than the 76-byte header"));
        usbUpload("alice", new byte[200]).post("/api/v1/imports/usb").then().statusCode(400)
                .body("detail", containsString("not a phone USB recording"));
        usbUpload("alice", usbFile(70_000)).post("/api/v1/imports/usb").then().statusCode(413)
                .contentType(Problem.MEDIA_TYPE).body("detail", containsString("the limit is 65536 bytes"));
        usbUpload("alice", usbFile(1), usbFile(1), usbFile(1), usbFile(1)).post("/api/v1/imports/usb").then()
                .statusCode(400).body("detail", containsString("at most 3"));
        as("alice").multiPart("other", "x").post("/api/v1/imports/usb").then().statusCode(400)
                .body("detail", equalTo("The upload contains no file."));
    }

    @Test
    void pbxCaptureNameFillsTheMetadata() {
        byte[] capture = pcapFile(0xd4c3b2a1);
        String recordingId = as("pbx").body(capture).contentType("application/octet-stream")
                .put("/recordings/Files/" + PBX_NAME).then().statusCode(202)
                .extract().jsonPath().getString("recordingIds[0]");

        ImportRequest request = ImportRequests.parse(ImportRequests.awaitFor(UUID.fromString(recordingId)));
        assertThat(request.kind()).isEqualTo(ImportRequest.PCAP);
        assertThat(request.objectKeys()).singleElement().asString().startsWith("imports/").doesNotContain("pcap");
        assertThat(request.fileNames()).containsExactly(PBX_NAME);
        assertThat(Bucket.get(request.objectKeys().get(0))).isEqualTo(capture);
        admin().get("/api/v1/recordings/{id}", recordingId).then().statusCode(200)
                .body("sessionId", equalTo("f9e5956e47d460010630009033302ab1"))
                .body("device", equalTo("00:90:33:30:2a:b1"))
                .body("localName", equalTo("山田"))
                .body("status", equalTo("processing"));
    }

    @Test
    void aCaptureMayOnlyBeAttributedToTheUploadersOwnDevices() {
        String bobsDevice = "f9e5956e47d460010630009033302ab2-0c383e000002-1--Bob.pcap";
        as("alice").body(pcapFile(0xd4c3b2a1)).put("/recordings/Files/" + bobsDevice).then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE).body("detail", containsString("0c:38:3e:00:00:02"));
        as("pbx").body(pcapFile(0xd4c3b2a1)).put("/recordings/Files/" + bobsDevice).then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
        as("bob").get("/api/v1/recordings").then().body("items.sessionId",
                org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("f9e5956e47d460010630009033302ab2")));

        as("alice").body(pcapFile(0xd4c3b2a1))
                .put("/recordings/Files/f9e5956e47d460010630009033302ab3-0c383e000001-1--Alice.pcap")
                .then().statusCode(202);
        admin().body(pcapFile(0xd4c3b2a1)).put("/recordings/Files/" + bobsDevice).then().statusCode(202);
    }

    @Test
    void uploadsPastTheDailyQuotaAreRefused() {
        usbUpload("carol", usbFile(160)).post("/api/v1/imports/usb").then().statusCode(202);

        usbUpload("carol", usbFile(160)).post("/api/v1/imports/usb").then().statusCode(413)
                .contentType(Problem.MEDIA_TYPE).body("detail", containsString("upload quota of 300 bytes"));
        as("carol").body(pcapFile(0xd4c3b2a1)).put("/recordings/Files/call.pcap").then().statusCode(413);
    }

    @Test
    void uploadsAtTheSameMomentCannotTogetherPassTheQuota() throws Exception {
        int objectsBefore = Bucket.count("imports/");
        // Six uploads of 100 bytes against a quota of 300, all checked before any of them is recorded.
        ExecutorService uploaders = Executors.newFixedThreadPool(6);
        CyclicBarrier together = new CyclicBarrier(6);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                statuses.add(uploaders.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return usbUpload("dave", usbFile(24)).post("/api/v1/imports/usb").statusCode();
                }));
            }
            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answered.add(status.get(60, TimeUnit.SECONDS));
            }
            assertThat(answered).containsOnly(202, 413).filteredOn(status -> status == 202).hasSize(3);
        } finally {
            uploaders.shutdownNow();
        }
        assertThat(Bucket.count("imports/")).as("only the accepted uploads' files stay").isEqualTo(objectsBefore + 3);
    }

    @Test
    void anyCaptureNameAndEveryPcapMagicIsAccepted() {
        for (int magic : new int[] {0xa1b2c3d4, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a}) {
            as("alice").body(pcapFile(magic)).put("/recordings/Files/call.pcap").then().statusCode(202);
        }
    }

    @Test
    void badCapturesAreRefusedWithAProblem() {
        as("pbx").body(new byte[100]).put("/recordings/Files/x.pcap").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("detail", containsString("is not a PCAP or pcapng file"));
        as("pbx").body(new byte[10]).put("/recordings/Files/x.pcap").then().statusCode(400)
                .body("detail", containsString("too short"));
        byte[] large = ByteBuffer.allocate(70_000).putInt(0xa1b2c3d4).array();
        as("pbx").body(large).put("/recordings/Files/x.pcap").then().statusCode(413)
                .contentType(Problem.MEDIA_TYPE);
    }
}
