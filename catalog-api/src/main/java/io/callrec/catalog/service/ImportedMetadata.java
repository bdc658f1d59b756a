package io.callrec.catalog.service;

/**
 * What is known about an imported recording besides its audio; every field may be null.
 *
 * @param sessionId   the call's id, from a PBX capture's name
 * @param device      the phone's MAC: from a PBX capture's name, or assigned by an admin
 * @param localNumber the extension, assigned by an admin
 * @param localName   the PBX user, from a capture's name
 */
public record ImportedMetadata(String sessionId, String device, String localNumber, String localName) {
    public static final ImportedMetadata NONE = new ImportedMetadata(null, null, null, null);
}
