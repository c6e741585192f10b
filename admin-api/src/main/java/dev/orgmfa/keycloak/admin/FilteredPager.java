package dev.orgmfa.keycloak.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One page of a listing whose source can only page, not filter (organizations by policy, entries the
 * caller may see through fine-grained permissions; member filters run in the database, see
 * {@code store.StateFilter}): reads the source in chunks with the source's own paging and
 * keeps the entries that pass. The work is bounded: one request examines at most {@link #MAX_EXAMINED}
 * entries. Callers page either with {@code first} (matches to skip, counted from the start, so only
 * within that bound) or with {@code from} (a position in the unfiltered source), following the
 * {@link Page#nextFrom()} of each answer; that pages through a source of any size, each match once.
 */
final class FilteredPager {

    static final int DEFAULT_CHUNK = 200;
    /**
     * Entries one filtered request examines at most: no request does more than the largest page (1000).
     * Member facts are read in bulk per chunk ({@code MemberStates}), so examining costs about what reading does.
     */
    static final int MAX_EXAMINED = 1000;

    /** A source that answers at most {@code max} items starting at {@code first}, in a stable order. */
    @FunctionalInterface
    interface Source<T> {
        List<T> read(int first, int max);
    }

    /** The entries of the page; {@code nextFrom} is where to go on, or null where the listing ends. */
    record Page<T>(List<T> items, Integer nextFrom) {}

    private FilteredPager() {}

    /** {@code keep} null: a plain page of the source. {@code noun} names the entries in errors. */
    static <T> Page<T> page(Source<T> source, Predicate<T> keep, QueryParams.Paging paging, String noun) {
        return page(source, keep, paging, DEFAULT_CHUNK, MAX_EXAMINED, noun);
    }

    static <T> Page<T> page(
            Source<T> source, Predicate<T> keep, QueryParams.Paging paging, int chunk, int budget, String noun) {
        if (chunk < 1 || budget < 1) {
            throw new IllegalArgumentException("chunk and budget must be at least 1");
        }
        return keep == null ? plain(source, paging) : filtered(source, keep, paging, chunk, budget, noun);
    }

    /** Straight from the source: its own paging does the work (QueryParams allows from or first, not both). */
    private static <T> Page<T> plain(Source<T> source, QueryParams.Paging paging) {
        long offset = (long) start(paging) + paging.first();
        if (offset > Integer.MAX_VALUE) {
            return new Page<>(List.of(), null);
        }
        List<T> items = source.read((int) offset, paging.max());
        return new Page<>(items, items.size() < paging.max() ? null : position(offset + items.size()));
    }

    private static <T> Page<T> filtered(
            Source<T> source, Predicate<T> keep, QueryParams.Paging paging, int chunk, int budget, String noun) {
        if (paging.from() == null && paging.first() >= budget) {
            // More matches than can lie within the entries one request examines: refused before any work.
            throw ApiException.badRequest(
                    "must be below " + budget + " when the listing is filtered: page with " + QueryParams.FROM
                            + " and the " + ApiResponses.NEXT_FROM + " header instead",
                    QueryParams.FIRST);
        }
        long start = start(paging);
        List<T> page = new ArrayList<>(Math.min(paging.max(), chunk));
        int skipped = 0;
        int examined = 0;
        while (examined < budget) {
            if (start + examined > Integer.MAX_VALUE) {
                return new Page<>(page, null);
            }
            int wanted = Math.min(chunk, budget - examined);
            List<T> items = source.read((int) (start + examined), wanted);
            for (int i = 0; i < items.size(); i++) {
                T item = items.get(i);
                examined++;
                if (!keep.test(item)) {
                    continue;
                }
                if (skipped < paging.first()) {
                    skipped++;
                    continue;
                }
                page.add(item);
                if (page.size() == paging.max()) {
                    boolean lastOfSource = i == items.size() - 1 && items.size() < wanted;
                    return new Page<>(page, lastOfSource ? null : position(start + examined));
                }
            }
            if (items.size() < wanted) {
                return new Page<>(page, null);
            }
        }
        // Out of budget: a source that ends exactly here is complete; one entry tells.
        if (start + examined > Integer.MAX_VALUE
                || source.read((int) (start + examined), 1).isEmpty()) {
            return new Page<>(page, null);
        }
        if (paging.from() == null) {
            // A short page would read as the end of the listing: refuse rather than silently leave some out.
            throw ApiException.badRequest(
                    "this page did not fill within the " + budget + " " + noun
                            + " one filtered request examines: page with " + QueryParams.FROM + "=0 and the "
                            + ApiResponses.NEXT_FROM + " header of each answer",
                    QueryParams.FROM);
        }
        return new Page<>(page, position(start + examined));
    }

    private static long start(QueryParams.Paging paging) {
        return paging.from() == null ? 0 : paging.from();
    }

    private static Integer position(long position) {
        return position > Integer.MAX_VALUE ? null : (int) position;
    }
}
