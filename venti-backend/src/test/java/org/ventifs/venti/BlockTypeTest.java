package org.ventifs.venti;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class BlockTypeTest {
    @Test
    void bothNumberingsMatchTheSpec() {
        assertEquals(0, BlockType.DATA.apiNumber());
        assertEquals(13, BlockType.DATA.wireNumber());
        assertEquals(8, BlockType.DIR.apiNumber());
        assertEquals(2, BlockType.DIR.wireNumber());
        assertEquals(16, BlockType.ROOT.apiNumber());
        assertEquals(1, BlockType.ROOT.wireNumber());
        for (int level = 1; level <= 7; level++) {
            BlockType data = BlockType.ofStream(false, level);
            BlockType dir = BlockType.ofStream(true, level);
            assertEquals(level, data.apiNumber());
            assertEquals(8 + level, dir.apiNumber());
            assertEquals(level + 2, data.wireNumber());
            assertEquals(level + 2, dir.wireNumber(), "pointers of one level share a wire number");
            assertEquals(level, data.level());
            assertEquals(level, dir.level());
            assertTrue(data.isPointer() && dir.isPointer());
            assertTrue(dir.isDirTree());
            assertFalse(data.isDirTree());
        }
    }

    @Test
    void everyApiNumberRoundTrips() {
        for (BlockType t : BlockType.values()) {
            assertSame(t, BlockType.fromApi(t.apiNumber()));
            assertEquals(t.wireNumber(), BlockType.fromWire(t.wireNumber()).wireNumber());
        }
        assertThrows(IllegalArgumentException.class, () -> BlockType.fromApi(17));
        assertThrows(IllegalArgumentException.class, () -> BlockType.fromWire(0));
        assertThrows(IllegalArgumentException.class, () -> BlockType.fromWire(10));
        assertThrows(IllegalArgumentException.class, () -> BlockType.ofStream(false, 8));
    }

    @Test
    void leavesAndRootAreNotPointers() {
        assertFalse(BlockType.DATA.isPointer());
        assertFalse(BlockType.DIR.isPointer());
        assertFalse(BlockType.ROOT.isPointer());
        assertSame(BlockType.DIR, BlockType.ofStream(true, 0));
        assertSame(BlockType.DATA, BlockType.ofStream(false, 0));
    }
}
