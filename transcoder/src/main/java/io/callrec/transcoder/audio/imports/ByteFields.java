package io.callrec.transcoder.audio.imports;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Reads fixed-width integers out of a byte array in either byte order. Callers check bounds first. */
final class ByteFields {

    static final int BYTE_MASK = 0xFF;
    static final int U16_MASK = 0xFFFF;
    static final long U32_MASK = 0xFFFF_FFFFL;

    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private ByteFields() {
    }

    static int u8(byte[] buf, int off) {
        return buf[off] & BYTE_MASK;
    }

    static int u16(byte[] buf, int off, ByteOrder order) {
        short value = order == ByteOrder.BIG_ENDIAN ? (short) SHORT_BE.get(buf, off) : (short) SHORT_LE.get(buf, off);
        return value & U16_MASK;
    }

    /** Network (big-endian) order, as every Internet protocol header. */
    static int u16(byte[] buf, int off) {
        return u16(buf, off, ByteOrder.BIG_ENDIAN);
    }

    static int i32(byte[] buf, int off, ByteOrder order) {
        return order == ByteOrder.BIG_ENDIAN ? (int) INT_BE.get(buf, off) : (int) INT_LE.get(buf, off);
    }

    static long u32(byte[] buf, int off, ByteOrder order) {
        return i32(buf, off, order) & U32_MASK;
    }

    /** Network (big-endian) order, as every Internet protocol header. */
    static long u32(byte[] buf, int off) {
        return u32(buf, off, ByteOrder.BIG_ENDIAN);
    }

    /** Two 32-bit halves, high first, each in the given order (as pcapng timestamps). */
    static long u64HighLow(byte[] buf, int off, ByteOrder order) {
        return u32(buf, off, order) << 32 | u32(buf, off + 4, order);
    }

    static long i64(byte[] buf, int off, ByteOrder order) {
        long first = u32(buf, off, order);
        long second = u32(buf, off + 4, order);
        return order == ByteOrder.BIG_ENDIAN ? first << 32 | second : second << 32 | first;
    }
}
