package dev.orgmfa.keycloak.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
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
            return IntStream.range(first, Math.min(size, first + max)).boxed().collect(Collectors.toList());
        }
    }

    @Test
    void pagesThroughMatchesOnly() {
        Numbers source = new Numbers(1000);
        List<Integer> evens = FilteredPager.page(source, n -> n % 2 == 0, 10, 5, 7);
        assertEquals(List.of(20, 22, 24, 26, 28), evens);
    }

    @Test
    void readsInChunksAndStopsWhenThePageIsFull() {
        Numbers source = new Numbers(100_000);
        FilteredPager.page(source, n -> true, 0, 10, 50);
        assertEquals(1, source.reads.size());
        assertEquals(50, source.reads.get(0)[1]);
    }

    @Test
    void stopsAtTheEndOfTheSource() {
        Numbers source = new Numbers(95);
        List<Integer> page = FilteredPager.page(source, n -> n % 10 == 0, 5, 100, 20);
        assertEquals(List.of(50, 60, 70, 80, 90), page);
        assertTrue(source.reads.stream().allMatch(r -> r[1] == 20));
        assertEquals(5, source.reads.size());
    }

    @Test
    void beyondTheLastMatchIsEmpty() {
        assertEquals(List.of(), FilteredPager.page(new Numbers(30), n -> n < 3, 3, 10, 8));
        assertEquals(List.of(), FilteredPager.page(new Numbers(0), n -> true, 0, 10, 8));
    }

    @Test
    void consecutivePagesCoverEveryMatchOnce() {
        Numbers source = new Numbers(503);
        List<Integer> all = new ArrayList<>();
        for (int first = 0; ; first += 37) {
            List<Integer> page = FilteredPager.page(source, n -> n % 3 == 1, first, 37, 64);
            all.addAll(page);
            if (page.size() < 37) {
                break;
            }
        }
        assertEquals(IntStream.range(0, 503).filter(n -> n % 3 == 1).boxed().toList(), all);
    }
}
