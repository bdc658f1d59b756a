package io.callrec.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A service's Prometheus text at {@code /q/metrics} on its management port. */
final class MetricsEndpoint {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI uri;

    MetricsEndpoint(String managementUrl) {
        this.uri = URI.create(managementUrl + "/q/metrics");
    }

    /**
     * The sum of every sample of {@code metric} whose labels contain {@code label} (e.g. {@code area="heap"}), or
     * of every sample when {@code label} is empty.
     */
    double sum(String metric, String label) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
        }
        double sum = 0;
        for (String line : response.body().split("\n")) {
            if (isSampleOf(line, metric) && line.contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static boolean isSampleOf(String line, String metric) {
        return line.startsWith(metric) && line.length() > metric.length()
                && (line.charAt(metric.length()) == '{' || line.charAt(metric.length()) == ' ');
    }
}
