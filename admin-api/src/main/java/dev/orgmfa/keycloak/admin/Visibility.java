package dev.orgmfa.keycloak.admin;

import java.util.function.Predicate;

/**
 * Which entries of a listing the caller may see: all of them, none, or those a per-entry check lets
 * through (Keycloak's fine-grained admin permissions over some users or organizations).
 */
final class Visibility<T> {

    private static final Visibility<?> ALL = new Visibility<>(false, null);
    private static final Visibility<?> NONE = new Visibility<>(true, null);

    private final boolean none;
    private final Predicate<T> each;

    private Visibility(boolean none, Predicate<T> each) {
        this.none = none;
        this.each = each;
    }

    @SuppressWarnings("unchecked")
    static <T> Visibility<T> all() {
        return (Visibility<T>) ALL;
    }

    @SuppressWarnings("unchecked")
    static <T> Visibility<T> none() {
        return (Visibility<T>) NONE;
    }

    static <T> Visibility<T> each(Predicate<T> check) {
        return new Visibility<>(false, check);
    }

    /** The same visibility for entries that carry a {@code T} (e.g. a listing row that holds its user). */
    <R> Visibility<R> map(java.util.function.Function<R, T> part) {
        if (each == null) {
            @SuppressWarnings("unchecked")
            Visibility<R> same = (Visibility<R>) this;
            return same;
        }
        return new Visibility<>(false, row -> each.test(part.apply(row)));
    }

    boolean isNone() {
        return none;
    }

    /** The listing's own filter narrowed to visible entries; null when neither filters anything. */
    Predicate<T> and(Predicate<T> filter) {
        if (each == null) {
            return filter;
        }
        return filter == null ? each : each.and(filter);
    }
}
