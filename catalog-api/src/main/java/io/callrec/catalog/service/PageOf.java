package io.callrec.catalog.service;

import java.util.List;

/** One page of a result: the items, where the page is, and how many items match in all. */
public record PageOf<T>(List<T> items, int page, int size, long total) {
}
