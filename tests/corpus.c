/* corpus: write a deterministic benchmark corpus of NUL-separated pages.
 *
 *   cleaner-corpus MEGABYTES PAGE...
 *
 * Cycles through the PAGE files until MEGABYTES MiB are written to stdout,
 * each page followed by a NUL. Every 7th page is written in NFD
 * (decomposed, as some scrapers produce) and every 5th with CRLF line ends,
 * so the slow paths are measured too.
 *
 *   cleaner-corpus --garbage KILOBYTES SEED
 *
 * writes KILOBYTES KiB of pseudo-random bytes (a fixed generator, so the
 * same SEED gives the same bytes everywhere), for the bad-input tests.
 *
 *   cleaner-corpus --nfd FILE
 *
 * writes FILE decomposed to NFD (libunistring). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uninorm.h>

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, len = 0;
    char *p = malloc(cap);
    size_t k;
    while (p && (k = fread(p + len, 1, cap - len, f)) > 0) {
        len += k;
        if (len == cap) {
            char *q = realloc(p, cap *= 2);
            if (!q) {
                free(p);
                p = NULL;
            }
            p = q;
        }
    }
    fclose(f);
    *n = len;
    return p;
}

static void put_crlf(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\n')
            putchar('\r');
        putchar(p[i]);
    }
}

static int garbage(unsigned long long kib, unsigned long long seed)
{
    unsigned long long x = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    for (unsigned long long i = 0; i < kib * 1024; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        putchar((int)(x >> 24) & 0xFF);
    }
    return fflush(stdout) ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--nfd")) {
        size_t n, m;
        char *p = slurp(argv[2], &n);
        uint8_t *d = p ? u8_normalize(UNINORM_NFD, (const uint8_t *)p, n, NULL, &m) : NULL;
        if (!d)
            return 1;
        fwrite(d, 1, m, stdout);
        free(d);
        free(p);
        return fflush(stdout) ? 1 : 0;
    }
    if (argc == 4 && !strcmp(argv[1], "--garbage"))
        return garbage(strtoull(argv[2], NULL, 10), strtoull(argv[3], NULL, 10));
    if (argc < 3) {
        fprintf(stderr, "usage: cleaner-corpus MEGABYTES PAGE...\n");
        return 2;
    }
    unsigned long long want = strtoull(argv[1], NULL, 10) << 20, done = 0;
    int npages = argc - 2;
    char **page = calloc((size_t)npages, sizeof *page);
    size_t *len = calloc((size_t)npages, sizeof *len);
    char **nfd = calloc((size_t)npages, sizeof *nfd);
    size_t *nfd_len = calloc((size_t)npages, sizeof *nfd_len);
    if (!page || !len || !nfd || !nfd_len)
        return 1;
    for (int i = 0; i < npages; i++) {
        page[i] = slurp(argv[i + 2], &len[i]);
        if (!page[i]) {
            perror(argv[i + 2]);
            return 1;
        }
        nfd[i] = (char *)u8_normalize(UNINORM_NFD, (const uint8_t *)page[i], len[i], NULL,
                                      &nfd_len[i]);
        if (!nfd[i]) { /* not valid UTF-8: use the page as it is */
            nfd[i] = page[i];
            nfd_len[i] = len[i];
        }
    }
    for (unsigned long long k = 0; done < want; k++) {
        int i = (int)(k % (unsigned long long)npages);
        const char *p = k % 7 == 3 ? nfd[i] : page[i];
        size_t n = k % 7 == 3 ? nfd_len[i] : len[i];
        if (k % 5 == 2)
            put_crlf(p, n);
        else
            fwrite(p, 1, n, stdout);
        putchar('\0');
        done += n + 1;
    }
    return fflush(stdout) ? 1 : 0;
}
