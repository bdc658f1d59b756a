package io.callrec.catalog.api;

import java.util.Set;

/** Who the caller is and what they may see: what the web page shows after logging in. */
public record CallerView(String name, boolean admin, Set<String> roles, Set<String> devices,
                         Set<String> extensions) {
}
