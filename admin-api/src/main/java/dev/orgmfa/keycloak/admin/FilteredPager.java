package dev.orgmfa.keycloak.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One page of a filtered listing whose source can only page, not filter (e.g. members by enrollment):
 * reads the source in chunks with the source's own paging, keeps the matching items, skips the first
 * {@code first} matches and stops as soon as the page is full. Never holds more than one chunk and
 * one page.
 */
final class FilteredPager {

    static final int DEFAULT_CHUNK = 200;

    /** A source that answers at most {@code max} items starting at {@code first}, in a stable order. */
    @FunctionalInterface
    interface Source<T> {
        List<T> read(int first, int max);
    }

    private FilteredPager() {
    }

    static <T> List<T> page(Source<T> source, Predicate<T> keep, int first, int max, int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be at least 1");
        }
        List<T> page = new ArrayList<>(Math.min(max, chunk));
        long skipped = 0;
        int offset = 0;
        while (page.size() < max) {
            List<T> items = source.read(offset, chunk);
            for (T item : items) {
                if (!keep.test(item)) {
                    continue;
                }
                if (skipped < first) {
                    skipped++;
                } else {
                    page.add(item);
                    if (page.size() == max) {
                        return page;
                    }
                }
            }
            if (items.size() < chunk) {
                return page;
            }
            offset += items.size();
        }
        return page;
    }
}
