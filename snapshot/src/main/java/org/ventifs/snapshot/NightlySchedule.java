package org.ventifs.snapshot;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The nightly snapshot: one per calendar day at a local time of day. Each day's time is
 * resolved in the zone on its own date, so a daylight-saving change neither skips nor
 * doubles a night (a time in a spring-forward gap moves to just after the gap; in an
 * autumn overlap the earlier instant counts). When the daemon was down at the scheduled
 * time, the first check takes the missed snapshot; several missed nights make one
 * snapshot, not several. The clock is injected, and {@link #tick()} is the whole
 * decision, so tests drive it without waiting.
 */
public final class NightlySchedule implements AutoCloseable {
    /** How often the background thread looks at the clock. */
    static final long CHECK_SECONDS = 20;

    private final Snapshotter snapshotter;
    private final LocalTime at;
    private final ZoneId zone;
    private final Clock clock;
    private final Object timerLock = new Object();
    private Instant handledUpTo;
    private ScheduledExecutorService timer;

    /**
     * A schedule taking {@code snapshotter}'s snapshot daily at {@code at} in {@code zone}
     * ({@code at} null: never). Snapshots older than the newest dump in the catalog count as
     * taken.
     */
    public NightlySchedule(Snapshotter snapshotter, LocalTime at, ZoneId zone, Clock clock) {
        this.snapshotter = snapshotter;
        this.at = at;
        this.zone = zone;
        this.clock = clock;
        DumpRecord newest = snapshotter.catalog().newest();
        this.handledUpTo = newest == null ? clock.instant() : Instant.ofEpochSecond(newest.frozenAtEpochSecond());
    }

    /**
     * Parses {@code --snap-at}: {@code HH:MM}, or {@code none} for no schedule (null).
     *
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static LocalTime parse(String text) {
        if (text.equalsIgnoreCase("none")) {
            return null;
        }
        if (!text.matches("([01]?[0-9]|2[0-3]):[0-5][0-9]")) {
            throw new IllegalArgumentException("--snap-at " + text + " is not HH:MM (00:00 to 23:59) or none");
        }
        String[] f = text.split(":");
        return LocalTime.of(Integer.parseInt(f[0]), Integer.parseInt(f[1]));
    }

    /** Starts checking the clock in the background; the first check (a missed snapshot) runs at once. */
    public void start() {
        synchronized (timerLock) {
            if (at == null || timer != null) {
                return;
            }
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ventifs nightly snapshot");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::checkLogged, 0, CHECK_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void checkLogged() {
        try {
            tick();
        } catch (IOException | RuntimeException e) {
            System.err.println("ventifs: the nightly snapshot failed; it is tried again at the next check: "
                    + e.getMessage());
        }
    }

    /**
     * Takes a snapshot (and waits for it) when a scheduled time has come since the last one
     * handled; returns whether it did.
     *
     * @throws IOException when the snapshot fails (the same night is tried again next time)
     */
    public synchronized boolean tick() throws IOException {
        if (at == null) {
            return false;
        }
        Instant now = clock.instant();
        if (now.isBefore(nextAfter(handledUpTo))) {
            return false;
        }
        snapshotter.snapshot();
        handledUpTo = now;
        return true;
    }

    /** The first scheduled instant strictly after {@code t}. */
    Instant nextAfter(Instant t) {
        LocalDate day = t.atZone(zone).toLocalDate().minusDays(1);
        while (true) {
            Instant candidate = scheduledOn(day);
            if (candidate.isAfter(t)) {
                return candidate;
            }
            day = day.plusDays(1);
        }
    }

    /** The one instant of {@code day}'s snapshot in the zone. */
    Instant scheduledOn(LocalDate day) {
        return ZonedDateTime.of(day, at, zone).toInstant();
    }

    /** Stops the background checks (a snapshot already running finishes on its own). */
    @Override
    public void close() {
        synchronized (timerLock) {
            if (timer != null) {
                timer.shutdown();
                timer = null;
            }
        }
    }
}
