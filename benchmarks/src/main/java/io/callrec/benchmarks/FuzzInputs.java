package io.callrec.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated inputs for a parser: a quarter wholly random bytes, the rest a valid seed mutated the ways that find
 * bugs in length-driven formats (bit flips, bytes set to boundary values, 16/32-bit fields set to boundary
 * values in either byte order, runs inserted, cut and duplicated, the input truncated anywhere). Seeded, so a run
 * can be repeated exactly.
 */
final class FuzzInputs {
    private static final int[] BOUNDARY_BYTES = {0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF, '&', '=', '%', '\n', '\r'};
    private static final long[] BOUNDARY_WORDS = {0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
            0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL};

    private final SplittableRandom random;
    private final List<byte[]> seeds;
    private final int maxRandomLength;

    FuzzInputs(long seed, List<byte[]> seeds, int maxRandomLength) {
        this.random = new SplittableRandom(seed);
        this.seeds = List.copyOf(seeds);
        this.maxRandomLength = maxRandomLength;
    }

    byte[] next() {
        if (random.nextInt(4) == 0) {
            byte[] bytes = new byte[random.nextInt(maxRandomLength + 1)];
            random.nextBytes(bytes);
            return bytes;
        }
        byte[] input = seeds.get(random.nextInt(seeds.size())).clone();
        for (int mutations = 1 + random.nextInt(4); mutations > 0; mutations--) {
            input = mutate(input);
        }
        return input;
    }

    private byte[] mutate(byte[] input) {
        if (input.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        int at = random.nextInt(input.length);
        switch (random.nextInt(7)) {
            case 0 -> input[at] ^= (byte) (1 << random.nextInt(8));
            case 1 -> input[at] = (byte) BOUNDARY_BYTES[random.nextInt(BOUNDARY_BYTES.length)];
            case 2 -> putWord(input, at, BOUNDARY_WORDS[random.nextInt(BOUNDARY_WORDS.length)]);
            case 3 -> {
                return Arrays.copyOf(input, at);
            }
            case 4 -> {
                int length = Math.min(input.length - at, 1 + random.nextInt(64));
                byte[] cut = new byte[input.length - length];
                System.arraycopy(input, 0, cut, 0, at);
                System.arraycopy(input, at + length, cut, at, input.length - at - length);
                return cut;
            }
            case 5 -> {
                int length = Math.min(input.length - at, 1 + random.nextInt(64));
                byte[] grown = new byte[input.length + length];
                System.arraycopy(input, 0, grown, 0, at + length);
                System.arraycopy(input, at, grown, at + length, input.length - at);
                return grown;
            }
            default -> {
                byte[] run = new byte[1 + random.nextInt(32)];
                random.nextBytes(run);
                byte[] grown = new byte[input.length + run.length];
                System.arraycopy(input, 0, grown, 0, at);
                System.arraycopy(run, 0, grown, at, run.length);
                System.arraycopy(input, at, grown, at + run.length, input.length - at);
                return grown;
            }
        }
        return input;
    }

    /** A 16- or 32-bit value at {@code at}, big- or little-endian, as far as the input reaches. */
    private void putWord(byte[] input, int at, long value) {
        int width = random.nextBoolean() ? 2 : 4;
        boolean bigEndian = random.nextBoolean();
        for (int i = 0; i < width && at + i < input.length; i++) {
            int shift = 8 * (bigEndian ? width - 1 - i : i);
            input[at + i] = (byte) (value >>> shift);
        }
    }
}
