/*
 * writelog: an LD_PRELOAD library for PowerLossTest. It records, in order, every write
 * to a file named data.mdb and every flush of it (fsync, fdatasync), so that the test can
 * rebuild what a disk could hold after a power loss at any moment: everything written
 * before the last flush, and any part of what was written since. Writes to a file named
 * power-marker are recorded as markers (the worker's "this much is durable now"). LMDB
 * opens data.mdb twice, once with O_DSYNC for meta pages: a write there is a write and a
 * flush.
 *
 * Log records, all integers little-endian:
 *   'W' u64 offset, u32 length, bytes   a write to data.mdb
 *   'S'                                 a flush of data.mdb returned
 *   'T' u64 length                      data.mdb was truncated or extended to length
 *   'M' u32 length, bytes               a write to power-marker
 * The log's path is in the environment variable VENTIFS_WRITE_LOG.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int log_fd = -1;
/* The descriptors open on data.mdb; 1 in data_dsync where opened with O_DSYNC or O_SYNC. */
#define MAX_DATA_FDS 8
static int data_fds[MAX_DATA_FDS] = {-1, -1, -1, -1, -1, -1, -1, -1};
static int data_dsync[MAX_DATA_FDS];
static int marker_fd = -1;

/* The slot of fd among the data.mdb descriptors, or -1. */
static int data_slot(int fd) {
    if (fd < 0) {
        return -1;
    }
    for (int i = 0; i < MAX_DATA_FDS; i++) {
        if (data_fds[i] == fd) {
            return i;
        }
    }
    return -1;
}

static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_writev)(int, const struct iovec *, int);
static int (*real_open)(const char *, int, ...);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_ftruncate)(int, off_t);
static int (*real_close)(int);

static void init(void) {
    if (real_write) {
        return;
    }
    real_write = dlsym(RTLD_NEXT, "write");
    real_pwrite = dlsym(RTLD_NEXT, "pwrite");
    real_writev = dlsym(RTLD_NEXT, "writev");
    real_open = dlsym(RTLD_NEXT, "open");
    real_fsync = dlsym(RTLD_NEXT, "fsync");
    real_fdatasync = dlsym(RTLD_NEXT, "fdatasync");
    real_ftruncate = dlsym(RTLD_NEXT, "ftruncate");
    real_close = dlsym(RTLD_NEXT, "close");
}

static void append(const void *bytes, size_t length) {
    const char *p = bytes;
    while (length > 0) {
        ssize_t n = real_write(log_fd, p, length);
        if (n <= 0) {
            abort(); /* a log with a hole would make the test wrong */
        }
        p += n;
        length -= (size_t) n;
    }
}

static void record(char type, uint64_t offset, const void *bytes, uint32_t length) {
    append(&type, 1);
    if (type == 'W' || type == 'T') {
        append(&offset, 8);
    }
    if (type == 'W' || type == 'M') {
        append(&length, 4);
        append(bytes, length);
    }
}

/* A write through a descriptor opened with O_DSYNC is on disk when it returns. */
static void synced_write(int fd) {
    int slot = data_slot(fd);
    if (slot >= 0 && data_dsync[slot]) {
        record('S', 0, NULL, 0);
    }
}

static int ends_with(const char *s, const char *suffix) {
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

int open(const char *path, int flags, ...) {
    init();
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    int fd = real_open(path, flags, mode);
    if (fd >= 0 && (ends_with(path, "/data.mdb") || ends_with(path, "/power-marker"))) {
        pthread_mutex_lock(&lock);
        if (log_fd < 0) {
            log_fd = real_open(getenv("VENTIFS_WRITE_LOG"), O_WRONLY | O_CREAT | O_APPEND, 0644);
        }
        if (ends_with(path, "/data.mdb")) {
            int slot;
            for (slot = 0; slot < MAX_DATA_FDS && data_fds[slot] >= 0; slot++) {
            }
            if (slot == MAX_DATA_FDS) {
                abort();
            }
            data_fds[slot] = fd;
            data_dsync[slot] = (flags & (O_DSYNC | O_SYNC)) != 0;
        } else {
            marker_fd = fd;
        }
        pthread_mutex_unlock(&lock);
    }
    return fd;
}

int open64(const char *path, int flags, ...) __attribute__((alias("open")));

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset) {
    init();
    if (data_slot(fd) < 0) {
        return real_pwrite(fd, buf, count, offset);
    }
    pthread_mutex_lock(&lock);
    ssize_t n = real_pwrite(fd, buf, count, offset);
    if (n > 0) {
        record('W', (uint64_t) offset, buf, (uint32_t) n);
        synced_write(fd);
    }
    pthread_mutex_unlock(&lock);
    return n;
}

ssize_t pwrite64(int fd, const void *buf, size_t count, off_t offset) __attribute__((alias("pwrite")));

ssize_t write(int fd, const void *buf, size_t count) {
    init();
    if (fd < 0 || (data_slot(fd) < 0 && fd != marker_fd)) {
        return real_write(fd, buf, count);
    }
    pthread_mutex_lock(&lock);
    off_t at = lseek(fd, 0, SEEK_CUR);
    ssize_t n = real_write(fd, buf, count);
    if (n > 0) {
        record(fd == marker_fd ? 'M' : 'W', (uint64_t) at, buf, (uint32_t) n);
        synced_write(fd);
    }
    pthread_mutex_unlock(&lock);
    return n;
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt) {
    init();
    if (data_slot(fd) < 0) {
        return real_writev(fd, iov, iovcnt);
    }
    pthread_mutex_lock(&lock);
    off_t at = lseek(fd, 0, SEEK_CUR);
    ssize_t n = real_writev(fd, iov, iovcnt);
    ssize_t left = n;
    for (int i = 0; i < iovcnt && left > 0; i++) {
        size_t part = iov[i].iov_len < (size_t) left ? iov[i].iov_len : (size_t) left;
        record('W', (uint64_t) at, iov[i].iov_base, (uint32_t) part);
        at += (off_t) part;
        left -= (ssize_t) part;
    }
    if (n > 0) {
        synced_write(fd);
    }
    pthread_mutex_unlock(&lock);
    return n;
}

/* Runs init() and then the real fsync or fdatasync, recording a flush of data.mdb. */
static int flush(int fd, int use_fdatasync) {
    init();
    pthread_mutex_lock(&lock);
    int rc = use_fdatasync ? real_fdatasync(fd) : real_fsync(fd);
    if (rc == 0 && data_slot(fd) >= 0) {
        record('S', 0, NULL, 0);
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

int fsync(int fd) {
    return flush(fd, 0);
}

int fdatasync(int fd) {
    return flush(fd, 1);
}

int ftruncate(int fd, off_t length) {
    init();
    pthread_mutex_lock(&lock);
    int rc = real_ftruncate(fd, length);
    if (rc == 0 && data_slot(fd) >= 0) {
        record('T', (uint64_t) length, NULL, 0);
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

int close(int fd) {
    init();
    pthread_mutex_lock(&lock);
    int slot = data_slot(fd);
    if (slot >= 0) {
        data_fds[slot] = -1;
    }
    if (fd == marker_fd) {
        marker_fd = -1;
    }
    int rc = real_close(fd);
    pthread_mutex_unlock(&lock);
    return rc;
}
