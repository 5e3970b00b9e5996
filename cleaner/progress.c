/* progress: terminal progress line (see progress.h). */
#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void progress_init(struct progress *p, int fd, int on, unsigned long long total)
{
    memset(p, 0, sizeof *p);
    p->fd = fd;
    p->on = on;
    p->total = total;
    p->start = now();
    p->last = p->start - 1; /* the first tick draws at once */
}

void progress_tick(struct progress *p, unsigned long long docs, unsigned long long bytes)
{
    if (!p->on)
        return;
    double t = now();
    if (t - p->last < 0.2)
        return;
    p->last = t;
    double mb = (double)bytes / 1e6, secs = t - p->start;
    double rate = secs > 0 ? mb / secs : 0;
    char line[160];
    int n = snprintf(line, sizeof line, "\rcleaner: %llu document%s, %.1f MB, %.1f MB/s", docs,
                     docs == 1 ? "" : "s", mb, rate);
    if (p->total && rate > 0 && bytes <= p->total) {
        double eta = ((double)(p->total - bytes) / 1e6) / rate;
        n += snprintf(line + n, sizeof line - (size_t)n, ", %.0f%%, ETA %um%02us",
                      100.0 * (double)bytes / (double)p->total, (unsigned)(eta / 60),
                      (unsigned)eta % 60);
    }
    n += snprintf(line + n, sizeof line - (size_t)n, "\033[K");
    if (write(p->fd, line, (size_t)n) < 0)
        p->on = 0;
    p->drawn = 1;
}

void progress_done(struct progress *p)
{
    if (p->on && p->drawn && write(p->fd, "\r\033[K", 4) < 0)
        p->on = 0;
    p->drawn = 0; /* erased: nothing to erase again until the next draw */
}
