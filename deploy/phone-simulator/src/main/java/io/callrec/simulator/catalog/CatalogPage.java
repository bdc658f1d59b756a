package io.callrec.simulator.catalog;

import java.util.List;

/** One page of a catalog listing and how many recordings match in all. */
public record CatalogPage(List<CatalogRecording> items, long total) {
    public CatalogPage {
        items = List.copyOf(items);
    }
}
