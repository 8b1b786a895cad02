package org.ventifs.snapshot;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NightlyScheduleTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    @Test
    void parsesTimesAndNone() {
        assertEquals(LocalTime.of(4, 0), NightlySchedule.parse("04:00"));
        assertEquals(LocalTime.of(23, 59), NightlySchedule.parse("23:59"));
        assertNull(NightlySchedule.parse("none"));
        for (String bad : List.of("24:00", "4", "04:60", "noon", "")) {
            assertThrows(IllegalArgumentException.class, () -> NightlySchedule.parse(bad), bad);
        }
    }

    /** Walks the clock in 10-minute steps over [from, to) and returns the local times of the dumps taken. */
    private List<LocalDateTime> run(LocalTime at, LocalDateTime from, LocalDateTime to) throws IOException {
        TestClock clock = new TestClock(from.atZone(BERLIN).toInstant(), BERLIN);
        try (DataDir data = DataDir.open(dir.resolve(from.toString().replace(':', '-')), clock);
             NightlySchedule schedule = new NightlySchedule(data.snapshotter, at, BERLIN, clock)) {
            Instant end = to.atZone(BERLIN).toInstant();
            while (clock.instant().isBefore(end)) {
                schedule.tick();
                clock.advance(Duration.ofMinutes(10));
            }
            return data.catalog.list().stream()
                    .map(d -> LocalDateTime.ofInstant(Instant.ofEpochSecond(d.frozenAtEpochSecond()), BERLIN)).toList();
        }
    }

    @Test
    void springForwardNeitherSkipsNorDoublesANight() throws IOException {
        // 2026-03-29: clocks jump from 02:00 to 03:00 in Berlin; 02:30 does not exist that night.
        List<LocalDateTime> taken = run(LocalTime.of(2, 30), LocalDateTime.of(2026, 3, 27, 12, 0),
                LocalDateTime.of(2026, 3, 31, 12, 0));
        assertEquals(List.of(LocalDate.of(2026, 3, 28), LocalDate.of(2026, 3, 29), LocalDate.of(2026, 3, 30),
                LocalDate.of(2026, 3, 31)), taken.stream().map(LocalDateTime::toLocalDate).toList());
        assertEquals(LocalTime.of(3, 30), taken.get(1).toLocalTime(), "the gap's time moves past the gap");
        assertEquals(LocalTime.of(2, 30), taken.get(2).toLocalTime());
    }

    @Test
    void fallBackNeitherSkipsNorDoublesANight() throws IOException {
        // 2026-10-25: clocks go back from 03:00 to 02:00 in Berlin; 02:30 happens twice that night.
        List<LocalDateTime> taken = run(LocalTime.of(2, 30), LocalDateTime.of(2026, 10, 23, 12, 0),
                LocalDateTime.of(2026, 10, 27, 12, 0));
        assertEquals(List.of(LocalDate.of(2026, 10, 24), LocalDate.of(2026, 10, 25), LocalDate.of(2026, 10, 26),
                LocalDate.of(2026, 10, 27)), taken.stream().map(LocalDateTime::toLocalDate).toList());
        taken.forEach(t -> assertEquals(LocalTime.of(2, 30), t.toLocalTime()));
    }

    @Test
    void aMissedNightIsTakenAtStartOnceAndTheNextOnTime() throws IOException {
        TestClock clock = new TestClock(ZonedDateTime.of(2026, 11, 20, 4, 0, 0, 0, BERLIN).toInstant(), BERLIN);
        try (DataDir data = DataDir.open(dir, clock)) {
            data.snapshotter.snapshot(); // the 20th, on time
            clock.set(ZonedDateTime.of(2026, 11, 22, 10, 0, 0, 0, BERLIN).toInstant()); // down two nights
            NightlySchedule schedule = new NightlySchedule(data.snapshotter, LocalTime.of(4, 0), BERLIN, clock);
            assertTrue(schedule.tick(), "the missed night is taken at start");
            assertFalse(schedule.tick(), "two missed nights make one snapshot");
            clock.set(ZonedDateTime.of(2026, 11, 23, 3, 59, 0, 0, BERLIN).toInstant());
            assertFalse(schedule.tick());
            clock.set(ZonedDateTime.of(2026, 11, 23, 4, 0, 0, 0, BERLIN).toInstant());
            assertTrue(schedule.tick());
            assertEquals(List.of("2026/1120", "2026/1122", "2026/1123"), data.catalog.names());
        }
    }

    @Test
    void aNewFileSystemWaitsForItsFirstNightAndNoneNeverSnapshots() throws IOException {
        TestClock clock = new TestClock(ZonedDateTime.of(2026, 11, 22, 10, 0, 0, 0, BERLIN).toInstant(), BERLIN);
        try (DataDir data = DataDir.open(dir, clock)) {
            NightlySchedule off = new NightlySchedule(data.snapshotter, null, BERLIN, clock);
            NightlySchedule nightly = new NightlySchedule(data.snapshotter, LocalTime.of(4, 0), BERLIN, clock);
            assertFalse(nightly.tick());
            clock.advance(Duration.ofDays(3));
            assertFalse(off.tick());
            assertTrue(nightly.tick());
            assertEquals(1, data.catalog.list().size());
        }
    }
}
