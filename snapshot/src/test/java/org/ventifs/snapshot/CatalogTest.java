package org.ventifs.snapshot;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ventifs.venti.Score;

class CatalogTest {
    @TempDir
    Path dir;

    private static DumpRecord record(String name, int n) {
        return new DumpRecord(name, Score.of(new byte[] {(byte) n}), 1_795_000_000L + n, 1000L * n);
    }

    @Test
    void goldenLine() {
        DumpRecord r = new DumpRecord("2026/1122.1", Score.parse("da39a3ee5e6b4b0d3255bfef95601890afd80709"),
                1795305600L, 4096);
        String body = "2026/1122.1 vac:da39a3ee5e6b4b0d3255bfef95601890afd80709 1795305600 4096";
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        assertEquals(body + " " + String.format("%08x", crc.getValue()) + "\n", r.encode());
        assertEquals(r, DumpRecord.decode(r.encode().strip()));
        assertEquals("2026", r.year());
        assertEquals("1122.1", r.day());
    }

    @Test
    void appendsSurviveReopen() throws IOException {
        Catalog c = Catalog.open(dir);
        c.append(record("2026/1120", 1));
        c.append(record("2026/1121", 2));
        assertThrows(IllegalArgumentException.class, () -> c.append(record("2026/1121", 3)));
        assertEquals(List.of(record("2026/1120", 1), record("2026/1121", 2)), Catalog.open(dir).list());
        assertEquals(record("2026/1121", 2), Catalog.open(dir).newest());
    }

    @Test
    void aTornLastLineIsDropped() throws IOException {
        Catalog c = Catalog.open(dir);
        c.append(record("2026/1120", 1));
        String half = record("2026/1121", 2).encode().substring(0, 30);
        Files.writeString(dir.resolve(Catalog.FILE), half, StandardOpenOption.APPEND);
        Catalog reopened = Catalog.open(dir);
        assertEquals(List.of(record("2026/1120", 1)), reopened.list());
        reopened.append(record("2026/1121", 2));
        assertEquals(2, Catalog.open(dir).list().size());
    }

    @Test
    void aDamagedEarlierLineIsAnError() throws IOException {
        Catalog c = Catalog.open(dir);
        c.append(record("2026/1120", 1));
        c.append(record("2026/1121", 2));
        byte[] b = Files.readAllBytes(dir.resolve(Catalog.FILE));
        b[3] = '7';
        Files.write(dir.resolve(Catalog.FILE), b);
        IOException e = assertThrows(IOException.class, () -> Catalog.open(dir));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void namesCountUpWithinADay() {
        ZonedDateTime t = ZonedDateTime.of(2026, 11, 22, 4, 0, 0, 0, ZoneId.of("Europe/Berlin"));
        assertEquals("2026/1122", DumpName.next(t, List.of()));
        assertEquals("2026/1122.1", DumpName.next(t, List.of("2026/1122")));
        assertEquals("2026/1122.2", DumpName.next(t, List.of("2026/1122", "2026/1122.1")));
        assertTrue(DumpName.isValid("2026/0101"));
        assertFalse(DumpName.isValid("2026/1301"));
        assertFalse(DumpName.isValid("2026/1122.0"));
        assertFalse(DumpName.isValid("../etc"));
    }

    @Test
    void anArchiveMarkerNotListedIsAnInterruptedArchive() throws IOException {
        Catalog c = Catalog.open(dir);
        assertTrue(c.interruptedArchive().isEmpty());
        c.markArchiving("2026/1122");
        assertEquals(java.util.Optional.of("2026/1122"), Catalog.open(dir).interruptedArchive());
        c.append(record("2026/1122", 1));
        assertTrue(Catalog.open(dir).interruptedArchive().isEmpty(), "listed: the crash came after the catalog line");
        c.clearArchiving();
        assertFalse(Files.exists(dir.resolve(Catalog.ARCHIVING)));
        assertEquals(List.of("2026/1122"), c.names());
    }

    @Test
    void aReadOnlyListingSkipsATornLineWithoutCuttingIt() throws IOException {
        Catalog c = Catalog.open(dir);
        c.append(record("2026/1122", 1));
        String torn = record("2026/1123", 2).encode();
        Files.writeString(dir.resolve(Catalog.FILE), torn.substring(0, 20), StandardOpenOption.APPEND);
        long size = Files.size(dir.resolve(Catalog.FILE));
        assertEquals(List.of(record("2026/1122", 1)), Catalog.read(dir));
        assertEquals(size, Files.size(dir.resolve(Catalog.FILE)), "a line being appended by the daemon is left alone");
    }
}
