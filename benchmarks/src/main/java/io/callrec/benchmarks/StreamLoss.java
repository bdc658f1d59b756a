package io.callrec.benchmarks;

/**
 * Sent against received, stream by stream.
 *
 * @param lost            datagrams sent that never arrived, summed over the streams
 * @param streamsWithLoss streams that lost at least one
 * @param extra           datagrams received beyond what was sent (duplicates), summed over the streams
 */
record StreamLoss(long lost, int streamsWithLoss, long extra) {

    static StreamLoss of(int[] sent, long[] received) {
        long lost = 0;
        long extra = 0;
        int streamsWithLoss = 0;
        for (int i = 0; i < sent.length; i++) {
            long missing = sent[i] - received[i];
            if (missing > 0) {
                lost += missing;
                streamsWithLoss++;
            } else {
                extra -= missing;
            }
        }
        return new StreamLoss(lost, streamsWithLoss, extra);
    }

    boolean none() {
        return lost == 0 && extra == 0;
    }
}
