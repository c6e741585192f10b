package dev.orgmfa.keycloak.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FilteredPagerTest {

    /** 0..size-1, paged like a database; records every read. */
    private static final class Numbers implements FilteredPager.Source<Integer> {
        final int size;
        final List<int[]> reads = new ArrayList<>();

        Numbers(int size) {
            this.size = size;
        }

        @Override
        public List<Integer> read(int first, int max) {
            reads.add(new int[] {first, max});
            return IntStream.range(first, (int) Math.min(size, (long) first + max))
                    .boxed()
                    .collect(Collectors.toList());
        }

        int examined() {
            return reads.stream()
                    .mapToInt(r -> Math.max(0, Math.min(size, r[0] + r[1]) - r[0]))
                    .sum();
        }
    }

    private static FilteredPager.Page<Integer> page(
            Numbers source, Predicate<Integer> keep, int first, int max, int chunk, int budget) {
        return FilteredPager.page(source, keep, new QueryParams.Paging(first, max), chunk, budget, "numbers");
    }

    private static FilteredPager.Page<Integer> from(
            Numbers source, Predicate<Integer> keep, int from, int max, int chunk, int budget) {
        return FilteredPager.page(source, keep, new QueryParams.Paging(from, 0, max), chunk, budget, "numbers");
    }

    @Test
    void pagesThroughMatchesOnly() {
        FilteredPager.Page<Integer> evens = page(new Numbers(1000), n -> n % 2 == 0, 10, 5, 7, 1000);
        assertEquals(List.of(20, 22, 24, 26, 28), evens.items());
        assertEquals(29, evens.nextFrom());
    }

    @Test
    void readsInChunksAndStopsWhenThePageIsFull() {
        Numbers source = new Numbers(100_000);
        page(source, n -> true, 0, 10, 50, 1000);
        assertEquals(1, source.reads.size());
        assertEquals(50, source.reads.get(0)[1]);
    }

    @Test
    void stopsAtTheEndOfTheSource() {
        Numbers source = new Numbers(95);
        FilteredPager.Page<Integer> page = page(source, n -> n % 10 == 0, 5, 100, 20, 1000);
        assertEquals(List.of(50, 60, 70, 80, 90), page.items());
        assertNull(page.nextFrom());
        assertTrue(source.reads.stream().allMatch(r -> r[1] == 20));
        assertEquals(5, source.reads.size());
    }

    @Test
    void beyondTheLastMatchIsEmpty() {
        assertEquals(
                List.of(), page(new Numbers(30), n -> n < 3, 3, 10, 8, 1000).items());
        assertEquals(List.of(), page(new Numbers(0), n -> true, 0, 10, 8, 1000).items());
    }

    @Test
    void aPageFilledByTheLastEntryEndsTheListing() {
        assertNull(page(new Numbers(25), n -> n % 5 == 4, 0, 5, 10, 1000).nextFrom());
    }

    @Test
    void consecutivePagesWithFirstCoverEveryMatchOnce() {
        Numbers source = new Numbers(503);
        List<Integer> all = new ArrayList<>();
        for (int first = 0; ; first += 37) {
            List<Integer> page =
                    page(source, n -> n % 3 == 1, first, 37, 64, 1000).items();
            all.addAll(page);
            if (page.size() < 37) {
                break;
            }
        }
        assertEquals(IntStream.range(0, 503).filter(n -> n % 3 == 1).boxed().toList(), all);
    }

    @Test
    void neverExaminesMoreThanTheBudget() {
        Numbers source = new Numbers(100_000);
        FilteredPager.Page<Integer> page = from(source, n -> n % 1000 == 999, 0, 10, 64, 300);
        assertEquals(List.of(), page.items());
        assertEquals(300, page.nextFrom());
        // The budget's entries, plus one to tell whether the source ends there.
        assertEquals(301, source.examined());
    }

    @Test
    void withoutFromAPageThatCannotFillIsRefusedNotShort() {
        ApiException e =
                assertThrows(ApiException.class, () -> page(new Numbers(100_000), n -> n % 100 == 0, 0, 10, 64, 300));
        assertEquals(400, e.status().getStatusCode());
        assertEquals("from", e.field());
    }

    @Test
    void aFirstBeyondTheBudgetIsRefusedWithoutReading() {
        Numbers source = new Numbers(100_000);
        ApiException e = assertThrows(ApiException.class, () -> page(source, n -> true, 300, 10, 64, 300));
        assertEquals("first", e.field());
        assertTrue(source.reads.isEmpty());
        assertEquals(List.of(300), page(source, null, 300, 1, 64, 300).items(), "plain pages have no such bound");
    }

    @Test
    void aSourceEndingAtTheBudgetIsComplete() {
        FilteredPager.Page<Integer> page = page(new Numbers(300), n -> n % 100 == 0, 0, 10, 64, 300);
        assertEquals(List.of(0, 100, 200), page.items());
        assertNull(page.nextFrom());
    }

    @Test
    void followingNextFromCoversEveryMatchOnceWithBoundedWork() {
        Numbers source = new Numbers(10_007);
        Predicate<Integer> sparse = n -> n % 97 == 3 || n > 9_990;
        List<Integer> all = new ArrayList<>();
        Integer from = 0;
        int requests = 0;
        while (from != null) {
            int before = source.examined();
            FilteredPager.Page<Integer> page = from(source, sparse, from, 7, 50, 400);
            assertTrue(source.examined() - before <= 401, "bounded");
            all.addAll(page.items());
            from = page.nextFrom();
            requests++;
        }
        assertEquals(IntStream.range(0, 10_007).filter(sparse::test).boxed().toList(), all);
        assertTrue(requests < 60, "requests: " + requests);
    }

    @Test
    void plainPagesReadTheSourceOnce() {
        Numbers source = new Numbers(250);
        FilteredPager.Page<Integer> page = from(source, null, 200, 100, 64, 300);
        assertEquals(50, page.items().size());
        assertNull(page.nextFrom());
        assertEquals(1, source.reads.size());
        assertEquals(100, page(source, null, 0, 100, 64, 300).nextFrom());
    }
}
