package io.callrec.catalog.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits for uploaded files. {@code quarkus.http.limits.max-body-size} must allow a whole request (several
 * files for a USB import); this limit applies to each file and answers with a problem document.
 */
@ConfigMapping(prefix = "callrec.imports")
public interface ImportConfig {
    @WithDefault("200M")
    MemorySize maxFileSize();

    /** Files in one USB import request. */
    @WithDefault("50")
    int maxFiles();

    /**
     * Bytes one person may upload in any 24 hours (USB and PCAP together); a user's own
     * {@code callrec.access.users."<name>".daily-upload-quota} overrides it.
     */
    @WithDefault("2G")
    MemorySize dailyUploadQuota();
}
