package io.callrec.transcoder.audio;

import java.util.Arrays;

/**
 * ITU-T G.722 decoder, 64 kbit/s (mode 1): each byte carries a 6-bit lower sub-band ADPCM code
 * (low bits) and a 2-bit higher sub-band code (high bits); the two reconstructed sub-band signals
 * are recombined by the receive QMF into two 16 kHz samples. Comments give the Recommendation's
 * names for blocks and variables (INVQAL, LOGSCL, UPPOL1/2, UPZERO, FILTEP, FILTEZ, DETL, ...).
 *
 * <p>Output is 16-bit (the QMF sum shifted right by 11, saturated), sample for sample what
 * libavcodec's decoder gives (derived from spandsp; its authors report it passes the ITU test
 * sequences).
 *
 * <p>Stateful: one instance per stream, {@link #reset()} for a new one. Not thread-safe.
 */
public final class G722Decoder implements AudioDecoder {

    /** Receive QMF coefficients h0..h11 (G.722 Table 11); the 24-tap filter is symmetric. */
    private static final int[] QMF = {3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11};
    private static final int QMF_HALF = QMF.length;

    /** Log-to-linear conversion (ILB): 2048 * 2^(i/32), one entry per 1/32 octave. */
    private static final int[] ILB = {
            2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383,
            2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
            2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371,
            3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008};

    /** Lower sub-band 6-bit inverse quantiser output, indexed by the 6-bit code (QQ6 with sign). */
    private static final int[] LOW_INVERSE_6 = {
            -17, -17, -17, -17, -3101, -2738, -2376, -2088,
            -1873, -1689, -1535, -1399, -1279, -1170, -1072, -982,
            -899, -822, -750, -682, -618, -558, -501, -447,
            -396, -347, -300, -254, -211, -170, -130, -91,
            3101, 2738, 2376, 2088, 1873, 1689, 1535, 1399,
            1279, 1170, 1072, 982, 899, 822, 750, 682,
            618, 558, 501, 447, 396, 347, 300, 254,
            211, 170, 130, 91, 54, 17, -54, -17};

    /**
     * Lower sub-band 4-bit inverse quantiser (QQ4 with sign), indexed by the 6-bit code without its
     * two least significant bits: the predictor works on this coarser value in every mode, so that
     * bits dropped in 56 and 48 kbit/s modes cannot desynchronise encoder and decoder.
     */
    private static final int[] LOW_INVERSE_4 = {
            0, -2557, -1612, -1121, -786, -530, -323, -150,
            2557, 1612, 1121, 786, 530, 323, 150, 0};

    /** Lower sub-band log scale factor multipliers (WL), indexed like {@link #LOW_INVERSE_4}. */
    private static final int[] LOW_LOG_STEP = {
            -60, 3042, 1198, 538, 334, 172, 58, -30,
            3042, 1198, 538, 334, 172, 58, -30, -60};

    /** Higher sub-band 2-bit inverse quantiser (QQ2 with sign), indexed by the 2-bit code. */
    private static final int[] HIGH_INVERSE_2 = {-926, -202, 926, 202};

    /** Higher sub-band log scale factor multipliers (WH): outer or inner quantiser level. */
    private static final int[] HIGH_LOG_STEP = {798, -214};

    private static final int LOW_LOG_MAX = 18432;
    private static final int HIGH_LOG_MAX = 22528;

    private final SubBand low = new SubBand(LOW_LOG_MAX, 8);
    private final SubBand high = new SubBand(HIGH_LOG_MAX, 10);

    /**
     * Receive QMF delay lines of the sum (rl + rh) and difference (rl - rh) signals. Each value
     * is stored twice, at {@code qmfPos} and {@code qmfPos + 12}, so the last twelve are always
     * contiguous from {@code qmfPos + 1} (oldest) without shifting the line on every sample.
     */
    private final int[] sumLine = new int[2 * QMF_HALF];
    private final int[] differenceLine = new int[2 * QMF_HALF];
    private int qmfPos;

    public G722Decoder() {
        reset();
    }

    @Override
    public void reset() {
        low.reset();
        high.reset();
        Arrays.fill(sumLine, 0);
        Arrays.fill(differenceLine, 0);
        qmfPos = 0;
    }

    @Override
    public int samplesPerByte() {
        return 2;
    }

    @Override
    public int decode(byte[] in, int off, int len, short[] out, int outOff) {
        int o = outOff;
        for (int i = off, end = off + len; i < end; i++) {
            int code = in[i] & 0xFF;
            int lowCode = code & 0x3F;
            int highCode = code >>> 6;

            // Lower sub-band: output from the 6-bit code, adaptation from the 4-bit one.
            int rl = clamp((low.scale * LOW_INVERSE_6[lowCode] >> 10) + low.prediction, -16384, 16383);
            int lowCode4 = lowCode >>> 2;
            low.adapt(low.scale * LOW_INVERSE_4[lowCode4] >> 10, LOW_LOG_STEP[lowCode4]);

            // Higher sub-band.
            int dh = high.scale * HIGH_INVERSE_2[highCode] >> 10;
            int rh = clamp(dh + high.prediction, -16384, 16383);
            high.adapt(dh, HIGH_LOG_STEP[highCode & 1]);

            // Receive QMF: two output samples per pair of sub-band samples.
            int pos = qmfPos == QMF_HALF - 1 ? 0 : qmfPos + 1;
            qmfPos = pos;
            sumLine[pos] = sumLine[pos + QMF_HALF] = rl + rh;
            differenceLine[pos] = differenceLine[pos + QMF_HALF] = rl - rh;
            int first = 0;
            int second = 0;
            for (int k = 0, w = pos + 1; k < QMF_HALF; k++, w++) {
                first += differenceLine[w] * QMF[QMF_HALF - 1 - k];
                second += sumLine[w] * QMF[k];
            }
            out[o++] = (short) clamp16(first >> 11);
            out[o++] = (short) clamp16(second >> 11);
        }
        return o - outOff;
    }

    private static int clamp(int value, int min, int max) {
        return value < min ? min : Math.min(value, max);
    }

    private static int clamp16(int value) {
        return clamp(value, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    /**
     * The backward-adaptive state of one sub-band: quantiser scale factor and the pole-zero
     * predictor (two poles, six zeros). Values are kept at the Recommendation's fixed-point scales.
     */
    private static final class SubBand {
        private final int logScaleMax;
        /** Octaves taken off the log scale factor before conversion (8 lower, 10 higher band). */
        private final int logScaleOffset;

        /** NBL/NBH: log scale factor. */
        int logScale;
        /** DETL/DETH: linear scale factor. */
        int scale;
        /** SL/SH: predictor output, the estimate of the next sub-band sample. */
        int prediction;
        /** SZL/SZH: output of the zero section alone. */
        int zeroPrediction;
        /** AL1/AL2: pole coefficients. */
        int pole1;
        int pole2;
        /** RLT1 (doubled): previous reconstructed signal, for the pole section. */
        int previousReconstructed;
        /** Signs of the last two partially reconstructed signals (PLT1, PLT2). */
        boolean partialNegative1;
        boolean partialNegative2;
        /** BL1..BL6: zero coefficients. */
        final int[] zeros = new int[6];
        /** DLT1..DLT6 (doubled): past quantised differences, for the zero section. */
        final int[] differences = new int[6];

        SubBand(int logScaleMax, int logScaleOffset) {
            this.logScaleMax = logScaleMax;
            this.logScaleOffset = logScaleOffset;
        }

        void reset() {
            logScale = 0;
            scale = scaleFactor();
            prediction = 0;
            zeroPrediction = 0;
            pole1 = 0;
            pole2 = 0;
            previousReconstructed = 0;
            partialNegative1 = false;
            partialNegative2 = false;
            Arrays.fill(zeros, 0);
            Arrays.fill(differences, 0);
        }

        /**
         * Adapts to one quantised difference signal: predictor update (PARREC, UPPOL2, UPPOL1,
         * UPZERO, DELAYA, FILTEZ, RECONS, FILTEP, PREDIC), then the quantiser scale (LOGSCL, SCALE).
         */
        void adapt(int difference, int logStep) {
            boolean partialNegative = zeroPrediction + difference < 0;
            // The pole updates use the sign products sgn(p)sgn(p[-1]) (negated here) and sgn(p)sgn(p[-2]).
            int oppositeToPrevious = partialNegative != partialNegative1 ? 1 : -1;
            int sameAsBeforePrevious = partialNegative == partialNegative2 ? 1 : -1;
            partialNegative2 = partialNegative1;
            partialNegative1 = partialNegative;

            pole2 = clamp((oppositeToPrevious * clamp(pole1, -8191, 8191) >> 5)
                    + (sameAsBeforePrevious << 7) + (pole2 * 127 >> 7), -12288, 12288);
            int pole1Limit = 15360 - pole2;
            pole1 = clamp(-192 * oppositeToPrevious + (pole1 * 255 >> 8), -pole1Limit, pole1Limit);

            for (int i = 0; i < 6; i++) {
                int leaked = zeros[i] * 255 >> 8;
                if (difference == 0) {
                    zeros[i] = leaked;
                } else {
                    zeros[i] = leaked + ((differences[i] ^ difference) < 0 ? -128 : 128);
                }
            }
            System.arraycopy(differences, 0, differences, 1, 5);
            differences[0] = clamp16(difference << 1);

            int zeroSum = 0;
            for (int i = 0; i < 6; i++) {
                zeroSum += zeros[i] * differences[i] >> 15;
            }
            zeroPrediction = zeroSum;

            int reconstructed = clamp16((prediction + difference) << 1);
            prediction = clamp16(zeroSum + (pole1 * reconstructed >> 15) + (pole2 * previousReconstructed >> 15));
            previousReconstructed = reconstructed;

            logScale = clamp((logScale * 127 >> 7) + logStep, 0, logScaleMax);
            scale = scaleFactor();
        }

        /** SCALEL/SCALEH: the log scale factor (1/2048 octave steps) to linear. */
        private int scaleFactor() {
            int log = logScale - (logScaleOffset << 11);
            int mantissa = ILB[(log >> 6) & 31];
            int octave = log >> 11;
            return octave < 0 ? mantissa >> -octave : mantissa << octave;
        }
    }
}
