package org.ventifs.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ContentArchiverTest {
    @Test
    void changedLeavesAreTheDirtyOnesAndTheRangeATruncationHid() {
        assertArrayEquals(new long[] {1, 3, 4, 5, 9}, ContentArchiver.union(new long[] {1, 5, 9}, 3, 6));
        assertArrayEquals(new long[] {0, 1, 2}, ContentArchiver.union(new long[0], 0, 3));
        assertArrayEquals(new long[] {7}, ContentArchiver.union(new long[] {7}, 4, 4));
    }
}
