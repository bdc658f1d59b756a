package io.callrec.simulator.load;

import io.callrec.contracts.Codec;
import io.callrec.contracts.CallDirection;
import io.callrec.simulator.call.CallParties;
import io.callrec.simulator.call.CallPlan;
import io.callrec.simulator.call.Impairments;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Decides each call of a load run. Choices (direction, impairments, RTP identity) follow from the
 * seed, the phone and the call number; device addresses and session ids are new every run, so
 * that a repeated run is never mistaken for an earlier one in the catalog.
 */
final class CallPlanner {
    /** Organisationally unique identifier the simulated MAC addresses start with. */
    private static final String MAC_PREFIX = "0c:38:3e";
    private static final int MAC_SUFFIX_MASK = 0xFF_FFFF;
    private static final List<String> LOCAL_NAMES = List.of(
            "山田 太郎", "佐藤 花子", "Alice Martin", "鈴木 一郎", "王 芳", "Bob O'Neil", "高橋 美咲", "Zoë Müller");

    private final LoadSettings settings;
    private final int firstDevice;
    private final long sessionSalt;

    CallPlanner(LoadSettings settings) {
        this.settings = settings;
        SecureRandom identities = new SecureRandom();
        this.firstDevice = identities.nextInt(MAC_SUFFIX_MASK + 1);
        this.sessionSalt = identities.nextLong();
    }

    CallPlan plan(int phone, int call) {
        SplittableRandom choices = new SplittableRandom(mix(mix(settings.seed(), phone), call));
        Codec codec = settings.codecs().get(phone % settings.codecs().size());
        long durationMillis = settings.callLength().toMillis();
        Impairments impairments = new Impairments(settings.lossPercent(), settings.reorderPercent(),
                settings.duplicatePercent(),
                chance(choices, settings.ssrcChangePercent()) ? durationMillis / 2 : Impairments.NO_SSRC_CHANGE,
                chance(choices, settings.dropTcpPercent()));
        CallDirection direction = choices.nextBoolean() ? CallDirection.IN : CallDirection.OUT;
        CallParties parties = new CallParties(
                Integer.toString(2000 + phone),
                LOCAL_NAMES.get(phone % LOCAL_NAMES.size()),
                String.format(Locale.ROOT, "+8135550%05d", choices.nextInt(100_000)),
                settings.runTag() + " #" + phone);
        return new CallPlan(sessionId(phone, call), device(phone), codec, direction, parties, durationMillis,
                impairments, choices.nextLong());
    }

    /** Unique per phone within the run: MAC prefix plus a run-random, phone-numbered suffix. */
    private String device(int phone) {
        int suffix = (firstDevice + phone) & MAC_SUFFIX_MASK;
        return String.format(Locale.ROOT, "%s:%02x:%02x:%02x", MAC_PREFIX, suffix >>> 16, (suffix >>> 8) & 0xFF,
                suffix & 0xFF);
    }

    private String sessionId(int phone, int call) {
        return String.format(Locale.ROOT, "%08x", (int) mix(mix(sessionSalt, phone), call));
    }

    private static boolean chance(SplittableRandom random, double percent) {
        return random.nextDouble() * 100 < percent;
    }

    /** SplitMix64's finaliser over {@code value + salt}: neighbouring inputs give unrelated outputs. */
    private static long mix(long salt, long value) {
        long z = salt + value * 0x9E37_79B9_7F4A_7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
