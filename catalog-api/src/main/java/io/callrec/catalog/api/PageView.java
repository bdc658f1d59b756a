package io.callrec.catalog.api;

import io.callrec.catalog.service.PageOf;
import java.util.List;
import java.util.function.Function;

/** A page of a list: {@code {"items": [...], "page": 0, "size": 50, "total": N}}. */
public record PageView<T>(List<T> items, int page, int size, long total) {
    public static <E, T> PageView<T> of(PageOf<E> page, Function<E, T> view) {
        return new PageView<>(page.items().stream().map(view).toList(), page.page(), page.size(), page.total());
    }
}
