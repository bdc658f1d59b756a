package io.callrec.catalog.service;

import java.nio.file.Path;

/**
 * An uploaded file, spooled to local disk by the HTTP layer.
 *
 * @param originalName the name the uploader gave it (metadata only)
 * @param path         where it is spooled
 * @param size         its size in bytes
 */
public record IncomingFile(String originalName, Path path, long size) {
}
