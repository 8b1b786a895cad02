package org.ventifs.vac;

import java.util.ArrayList;
import java.util.List;
import org.ventifs.venti.Score;

/**
 * A pointer block of a stream's tree: {@code psize / 20} scores, each the top of
 * one subtree (or the zero score for a hole). Stored zero-truncated; decode the
 * padded bytes ({@link org.ventifs.venti.BlockStore#read}).
 *
 * @param pointers the scores, as many as the block holds
 */
public record PointerBlock(List<Score> pointers) {
    public PointerBlock {
        pointers = List.copyOf(pointers);
    }

    /** Returns a block of {@code count} zero scores. */
    public static PointerBlock holes(int count) {
        List<Score> zeros = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            zeros.add(Score.ZERO);
        }
        return new PointerBlock(zeros);
    }

    /**
     * Decodes a padded pointer block of {@code psize} bytes; a trailing part-slot is ignored.
     *
     * @throws VacFormatException when the block is shorter than {@code psize}
     */
    public static PointerBlock decode(byte[] block, int psize) {
        if (block.length < psize) {
            throw new VacFormatException("a pointer block of psize " + psize + " cannot have "
                    + block.length + " bytes");
        }
        int count = psize / Score.SIZE;
        List<Score> scores = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            scores.add(Score.fromBytes(block, i * Score.SIZE));
        }
        return new PointerBlock(scores);
    }

    /**
     * Returns the {@code psize} bytes of this block, before zero truncation; slots past
     * the pointers hold the zero score (holes), so truncation drops them.
     */
    public byte[] encode(int psize) {
        int slots = psize / Score.SIZE;
        if (pointers.size() > slots) {
            throw new VacFormatException(pointers.size() + " pointers do not fit psize " + psize);
        }
        byte[] block = new byte[psize];
        for (int i = 0; i < slots; i++) {
            (i < pointers.size() ? pointers.get(i) : Score.ZERO).copyTo(block, i * Score.SIZE);
        }
        return block;
    }

    /**
     * Returns the bytes the store keeps of this block: its pointers up to the last that
     * is not the zero score, exactly what zero truncation leaves of {@link #encode}, built
     * without the padding.
     */
    public byte[] encodeTruncated(int psize) {
        if (pointers.size() > psize / Score.SIZE) {
            throw new VacFormatException(pointers.size() + " pointers do not fit psize " + psize);
        }
        int kept = pointers.size();
        while (kept > 0 && pointers.get(kept - 1).isZero()) {
            kept--;
        }
        byte[] block = new byte[kept * Score.SIZE];
        for (int i = 0; i < kept; i++) {
            pointers.get(i).copyTo(block, i * Score.SIZE);
        }
        return block;
    }

    /** Returns this block with pointer {@code slot} replaced. */
    public PointerBlock with(int slot, Score score) {
        List<Score> copy = new ArrayList<>(pointers);
        copy.set(slot, score);
        return new PointerBlock(copy);
    }
}
