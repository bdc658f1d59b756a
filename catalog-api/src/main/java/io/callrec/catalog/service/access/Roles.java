package io.callrec.catalog.service.access;

/** The roles callrec knows. */
public final class Roles {
    /** Sees and acts on everything; sets retention; reads the audit log. */
    public static final String ADMIN = "admin";
    /** Sees and acts on the recordings of their devices and extensions, and on what they imported. */
    public static final String USER = "user";
    /** A phone or PBX account: may only upload PCAP files. */
    public static final String DEVICE = "device";

    private Roles() {
    }
}
