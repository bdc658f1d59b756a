package io.callrec.catalog.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A server-sent event stream read on a thread of its own, as a browser's EventSource would, logged in as a test user. */
public final class EventStream implements AutoCloseable {
    /** One event: its name and data; a comment line has the name {@code :}. */
    public record Event(String name, String data) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Stream<String> lines;
    private final Thread reader;
    private final int status;

    private EventStream(HttpResponse<Stream<String>> response) {
        this.status = response.statusCode();
        this.lines = response.body();
        this.reader = new Thread(this::read, "test-event-stream");
        reader.setDaemon(true);
        reader.start();
    }

    public static EventStream open(URI uri, String user) throws Exception {
        String login = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Basic " + login)
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).build();
        return new EventStream(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines()));
    }

    public int status() {
        return status;
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<Event> named(String name) {
        return events.stream().filter(event -> event.name().equals(name)).toList();
    }

    private void read() {
        String name = "message";
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith(":")) {
                    events.add(new Event(":", line.substring(1).trim()));
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                } else if (line.isEmpty() && !data.isEmpty()) {
                    events.add(new Event(name, data.toString()));
                    name = "message";
                    data.setLength(0);
                }
            }
        } catch (RuntimeException e) {
            // closed by the test
        }
    }

    @Override
    public void close() {
        lines.close();
    }
}
