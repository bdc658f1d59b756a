package io.callrec.platform.storage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Presigned S3 URLs (AWS Signature Version 4 in the query string: only the host header signed, the payload
 * unsigned) for one endpoint, region and key pair. The signing key is derived once per UTC day and a URL then
 * costs one SHA-256 of the canonical request and one HMAC: the MinIO client derived the key (four HMACs, each
 * from {@code Mac.getInstance}) and built okhttp URLs and multimaps for every URL, 41 % of the transcoder's
 * finishing CPU. With 32 threads: 30-70 µs of CPU per URL against the MinIO client's 160-200, 0.3-0.4 ms against
 * 1.2 ms while the JIT warms up ({@code benchmarks/upload-benchmark.sh}). Thread-safe.
 */
public final class SigV4Presigner {
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String HMAC = "HmacSHA256";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();
    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    private final String endpoint;
    private final String host;
    private final String region;
    private final String accessKey;
    private final byte[] dayKeySecret;
    /** Never updated: cloned for each URL, which saves the provider lookup of {@code getInstance}. */
    private final MessageDigest sha256;
    /** A {@link Mac} keyed with the day's signing key; cloned for each URL, replaced when the day changes. */
    private volatile DaySigner daySigner;

    private record DaySigner(String day, Mac mac) {
    }

    /** @param endpoint scheme, host and port of the store, no path (the URLs' paths are appended to it) */
    public SigV4Presigner(URI endpoint, String region, String accessKey, String secretKey) {
        this.endpoint = endpoint.getScheme() + "://" + endpoint.getRawAuthority();
        this.host = hostHeader(endpoint);
        this.region = region;
        this.accessKey = accessKey;
        this.dayKeySecret = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The URL for {@code method} on {@code path} (not yet percent-encoded, e.g. {@code /bucket/key}), valid for
     * {@code expiry} from {@code now}.
     */
    public URI presign(String method, String path, Duration expiry, Instant now) {
        String day = DAY.format(now);
        String time = TIME.format(now);
        String query = new StringBuilder(256)
                .append("X-Amz-Algorithm=").append(ALGORITHM)
                .append("&X-Amz-Credential=").append(encode(accessKey, false)).append("%2F").append(day)
                .append("%2F").append(encode(region, false)).append("%2Fs3%2Faws4_request")
                .append("&X-Amz-Date=").append(time)
                .append("&X-Amz-Expires=").append(expiry.toSeconds())
                .append("&X-Amz-SignedHeaders=host").toString();
        String canonicalPath = encode(path, true);
        String canonicalRequest = method + '\n' + canonicalPath + '\n' + query + "\nhost:" + host
                + "\n\nhost\nUNSIGNED-PAYLOAD";
        String stringToSign = ALGORITHM + '\n' + time + '\n' + day + '/' + region + "/s3/aws4_request\n"
                + HEX.formatHex(digest(canonicalRequest));
        byte[] signature = signer(day).doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
        return URI.create(endpoint + canonicalPath + '?' + query + "&X-Amz-Signature=" + HEX.formatHex(signature));
    }

    private byte[] digest(String canonicalRequest) {
        try {
            return ((MessageDigest) sha256.clone()).digest(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Mac keyed for {@code day}, of this caller's own. */
    private Mac signer(String day) {
        DaySigner current = daySigner;
        if (current == null || !current.day().equals(day)) {
            current = new DaySigner(day, hmac(signingKey(day)));
            daySigner = current;
        }
        try {
            return (Mac) current.mac().clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] signingKey(String day) {
        byte[] key = hmac(dayKeySecret).doFinal(day.getBytes(StandardCharsets.UTF_8));
        key = hmac(key).doFinal(region.getBytes(StandardCharsets.UTF_8));
        key = hmac(key).doFinal("s3".getBytes(StandardCharsets.UTF_8));
        return hmac(key).doFinal("aws4_request".getBytes(StandardCharsets.UTF_8));
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Host header an HTTP client sends for the endpoint: the port only when it is not the scheme's own. */
    private static String hostHeader(URI endpoint) {
        int port = endpoint.getPort();
        boolean schemePort = port == -1 || port == ("https".equals(endpoint.getScheme()) ? 443 : 80);
        return schemePort ? endpoint.getHost() : endpoint.getHost() + ':' + port;
    }

    /** S3's URI encoding: every byte but the unreserved characters as %XX, slashes kept in paths. */
    static String encode(String text, boolean path) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (path && c == '/')) {
                out.append(c);
            } else {
                out.append('%').append(UPPER_HEX.toHexDigits(b));
            }
        }
        return out.toString();
    }
}
