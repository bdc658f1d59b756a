package io.callrec.catalog.support;

import io.callrec.stack.CallrecStackTestResource;
import io.callrec.stack.Infrastructure;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** Direct access to the embedded S3 bucket, to put fixtures in and to check what the service left there. */
public final class Bucket {
    private static MinioClient client;

    private Bucket() {
    }

    public static void put(String key, byte[] content) {
        try {
            client().putObject(PutObjectArgs.builder().bucket(bucket()).object(key)
                    .stream(new ByteArrayInputStream(content), content.length, -1)
                    .contentType("audio/wav").build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] get(String key) {
        try (InputStream in = client().getObject(GetObjectArgs.builder().bucket(bucket()).object(key).build())) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean exists(String key) {
        try {
            client().statObject(StatObjectArgs.builder().bucket(bucket()).object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return false;
            }
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many objects the bucket holds under this prefix. */
    public static int count(String prefix) {
        int count = 0;
        for (var ignored : client().listObjects(ListObjectsArgs.builder().bucket(bucket()).prefix(prefix)
                .recursive(true).build())) {
            count++;
        }
        return count;
    }

    private static String bucket() {
        return CallrecStackTestResource.stack().settings().bucket();
    }

    private static synchronized MinioClient client() {
        if (client == null) {
            Infrastructure stack = CallrecStackTestResource.stack();
            client = MinioClient.builder()
                    .endpoint(stack.s3Endpoint())
                    .credentials(stack.settings().s3AccessKey(), stack.settings().s3SecretKey())
                    .build();
        }
        return client;
    }
}
