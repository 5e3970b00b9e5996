/* progress: a one-line progress display on a terminal (documents, MB,
 * MB/s and, when the total is known, ETA), redrawn at most five times a
 * second and erased at the end. Writes to the fd it is given. */
#ifndef CLEANER_PROGRESS_H
#define CLEANER_PROGRESS_H

struct progress {
    int fd;
    int on;
    double start, last;
    unsigned long long total;  /* bytes expected, 0 if unknown */
    int drawn;
};

void progress_init(struct progress *p, int fd, int on, unsigned long long total);
void progress_tick(struct progress *p, unsigned long long docs, unsigned long long bytes);
/* Erase the line. */
void progress_done(struct progress *p);

#endif
