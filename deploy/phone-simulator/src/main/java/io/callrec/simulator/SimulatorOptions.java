package io.callrec.simulator;

import io.callrec.contracts.Codec;
import io.callrec.simulator.catalog.CatalogClient;
import io.callrec.simulator.load.LoadSettings;
import io.callrec.simulator.rtp.Pacing;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's command line, parsed and checked.
 *
 * @param help         only print the usage
 * @param load         what to simulate
 * @param verification where and how long to look for the recordings, when asked to
 */
public record SimulatorOptions(boolean help, LoadSettings load, Optional<Verification> verification) {

    /** Environment variable the catalog password is read from when {@code --password} is not given. */
    public static final String PASSWORD_VARIABLE = "CALLREC_PASSWORD";

    public static final String USAGE = """
            Usage: simulate.sh [flags]
            Simulates desk phones recording calls with callrec: each phone opens a control
            connection, starts a recording, streams real speech as RTP and stops it.

              --control HOST:PORT    recorder control address (default 127.0.0.1:7100)
              --phones N             simulated phones (default 1)
              --calls-per-phone N    calls each phone makes, one after the other (default 1)
              --duration TIME        length of every call, e.g. 500ms, 30s, 2m (default 10s)
              --codecs LIST          phone i uses codec i mod n of LIST, from PCMA, PCMU, G722
                                     (default PCMA,PCMU,G722; repeat one to weight it)
              --ramp-up TIME         spread the phones' starts over this time (default 0s)
              --accelerate X         run X times faster than real time, up to 100 (default 1);
                                     call length and ramp-up are then simulated time
              --loss PCT             chance per packet that it is lost (default 0)
              --reorder PCT          chance per packet that it arrives after its successor (default 0)
              --duplicate PCT        chance per packet that it is sent twice (default 0)
              --ssrc-change PCT      share of calls that switch SSRC halfway through (default 0)
              --drop-tcp PCT         share of calls ended by dropping the control connection
                                     instead of a stop request (default 0)
              --seed N               seed for every random choice (default: random; printed)
              --catalog URL          then wait for every recording in this catalog, e.g.
                                     http://127.0.0.1:8080, check it and report latency
              --user NAME            catalog user (HTTP Basic); an admin sees every recording
              --password SECRET      catalog password (default: $CALLREC_PASSWORD)
              --verify-timeout TIME  how long to wait for recordings after the calls (default 60s)
              --help                 print this and exit

            Exit status: 0 when every call succeeded (and every recording checked out),
            1 when any did not, 2 for a bad command line.
            """;

    private static final Pattern TIME = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
    private static final Pattern HOST_PORT = Pattern.compile("(.+):(\\d{1,5})");
    private static final int MAX_PHONES = 1_000_000;
    private static final Set<String> KNOWN_FLAGS = Set.of("help", "control", "phones", "calls-per-phone", "duration",
            "ramp-up", "codecs", "accelerate", "loss", "reorder", "duplicate", "ssrc-change", "drop-tcp", "seed",
            "catalog", "user", "password", "verify-timeout");

    /**
     * @param catalog     the catalog's base address
     * @param user        HTTP Basic user, if any
     * @param password    its password
     * @param waitAtMost  how long to wait for recordings once the calls have ended
     */
    public record Verification(URI catalog, Optional<String> user, String password, Duration waitAtMost) {
        public CatalogClient client() {
            return new CatalogClient(catalog, user, password);
        }
    }

    /** Parses {@code args}; {@code environment} supplies the catalog password when no flag does. */
    public static SimulatorOptions parse(List<String> args, Map<String, String> environment) throws UsageException {
        CommandLineFlags flags = CommandLineFlags.read(args);
        flags.rejectUnknown(KNOWN_FLAGS);
        if (flags.has("help")) {
            return new SimulatorOptions(true, null, Optional.empty());
        }
        InetSocketAddress control = flags.value("control", SimulatorOptions::hostPort, new InetSocketAddress("127.0.0.1", 7100));
        int phones = flags.value("phones", value -> count(value, MAX_PHONES), 1);
        int callsPerPhone = flags.value("calls-per-phone", value -> count(value, MAX_PHONES), 1);
        Duration duration = flags.value("duration", SimulatorOptions::time, Duration.ofSeconds(10));
        if (duration.toMillis() < 20) {
            throw new UsageException("--duration must be at least 20ms (one packet)");
        }
        Duration rampUp = flags.value("ramp-up", SimulatorOptions::time, Duration.ZERO);
        List<Codec> codecs = flags.value("codecs", SimulatorOptions::codecs, List.of(Codec.PCMA, Codec.PCMU, Codec.G722));
        double accelerate = flags.value("accelerate", SimulatorOptions::accelerate, 1.0);
        double loss = flags.value("loss", SimulatorOptions::percent, 0.0);
        double reorder = flags.value("reorder", SimulatorOptions::percent, 0.0);
        double duplicate = flags.value("duplicate", SimulatorOptions::percent, 0.0);
        double ssrcChange = flags.value("ssrc-change", SimulatorOptions::percent, 0.0);
        double dropTcp = flags.value("drop-tcp", SimulatorOptions::percent, 0.0);
        long seed = flags.value("seed", SimulatorOptions::seed, new SecureRandom().nextLong());
        Optional<URI> catalog = flags.optional("catalog", SimulatorOptions::httpUri);
        Optional<String> user = flags.optional("user", value -> value);
        Optional<String> password = flags.optional("password", value -> value)
                .or(() -> Optional.ofNullable(environment.get(PASSWORD_VARIABLE)));
        Duration verifyTimeout = flags.value("verify-timeout", SimulatorOptions::time, Duration.ofSeconds(60));
        if (catalog.isEmpty() && (user.isPresent() || flags.has("password") || flags.has("verify-timeout"))) {
            throw new UsageException("--user, --password and --verify-timeout need --catalog");
        }
        if (user.isPresent() && password.isEmpty()) {
            throw new UsageException("--user needs --password or " + PASSWORD_VARIABLE);
        }

        LoadSettings load = new LoadSettings(control, phones, callsPerPhone, duration, rampUp, codecs,
                new Pacing(accelerate), loss, reorder, duplicate, ssrcChange, dropTcp, seed, newRunTag());
        return new SimulatorOptions(false, load,
                catalog.map(uri -> new Verification(uri, user, password.orElse(""), verifyTimeout)));
    }

    /** A name fragment unique to this run, by which the catalog finds its recordings. */
    private static String newRunTag() {
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        return "callrec-sim-" + HexFormat.of().formatHex(random);
    }

    private static InetSocketAddress hostPort(String value) throws UsageException {
        Matcher matcher = HOST_PORT.matcher(value);
        int port = matcher.matches() ? Integer.parseInt(matcher.group(2)) : 0;
        if (port < 1 || port > 0xFFFF) {
            throw new UsageException("expected HOST:PORT, e.g. 127.0.0.1:7100");
        }
        InetSocketAddress address = new InetSocketAddress(matcher.group(1), port);
        if (address.isUnresolved()) {
            throw new UsageException("cannot resolve host " + matcher.group(1));
        }
        return address;
    }

    private static int count(String value, int max) throws UsageException {
        try {
            int count = Integer.parseInt(value);
            if (count >= 1 && count <= max) {
                return count;
            }
        } catch (NumberFormatException e) {
            // Reported below with the allowed range.
        }
        throw new UsageException("expected a whole number from 1 to " + max);
    }

    private static Duration time(String value) throws UsageException {
        Matcher matcher = TIME.matcher(value);
        if (!matcher.matches()) {
            throw new UsageException("expected a time with a unit, e.g. 500ms, 30s, 2m, 1h");
        }
        double amount = Double.parseDouble(matcher.group(1));
        double millis = switch (matcher.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            default -> amount * 3_600_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    private static List<Codec> codecs(String value) throws UsageException {
        List<Codec> codecs = new ArrayList<>();
        for (String name : value.split(",")) {
            codecs.add(Codec.byName(name).orElseThrow(
                    () -> new UsageException("unknown codec '" + name.trim() + "', expected PCMA, PCMU or G722")));
        }
        return codecs;
    }

    private static double accelerate(String value) throws UsageException {
        double factor = number(value);
        if (!(factor > 0 && factor <= Pacing.MAX_ACCELERATE)) {
            throw new UsageException("expected a factor above 0 and at most " + (int) Pacing.MAX_ACCELERATE);
        }
        return factor;
    }

    private static double percent(String value) throws UsageException {
        double percent = number(value);
        if (!(percent >= 0 && percent <= 100)) {
            throw new UsageException("expected a percentage from 0 to 100");
        }
        return percent;
    }

    private static double number(String value) throws UsageException {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException("expected a number");
        }
    }

    private static long seed(String value) throws UsageException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException("expected a whole number");
        }
    }

    private static URI httpUri(String value) throws UsageException {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Reported below.
        }
        throw new UsageException("expected an http(s) URL, e.g. http://127.0.0.1:8080");
    }
}
