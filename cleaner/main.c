/* main: the command line in, the exit status out. Options (options.c),
 * the rule pack (pack.c), the inputs (inputs.c), then one mode (modes.c);
 * one cleanup path. A line's way through the program is in README.md,
 * "How a line flows". */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "inputs.h"
#include "modes.h"
#include "options.h"
#include "pack.h"
#include "rules.h"
#include "walk.h"

/* Descriptors 0-2 made safe, as coreutils do: one that is closed is opened
 * on /dev/null, so that no file opened later (--removed, an -o output)
 * takes its number and receives what was meant for it. Returns a bit per
 * descriptor that was closed. */
static unsigned safe_std_fds(void)
{
    unsigned closed = 0;
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
            continue;
        closed |= 1u << fd;
        int n = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
        if (n >= 0 && n != fd)
            close(n); /* cannot happen: the lowest free number is fd */
    }
    return closed;
}

int main(int argc, char **argv)
{
    unsigned closed_fds = safe_std_fds();
    struct options o;
    memset(&o, 0, sizeof o);
    struct rule_limits def_limits = RULE_LIMITS_DEFAULT;
    o.limits = def_limits;
    parse_options(argc, argv, &o);
    struct rule_set rs;
    rules_init(&rs);
    rs.no_jit = o.no_jit;
    struct walk_list files = { 0 };
    int status;
    if ((closed_fds & 2) && !o.outdir) {
        /* the output has nowhere to go: say so, as cat does */
        fprintf(stderr, "cleaner: write error: %s\n", strerror(EBADF));
        status = EXIT_TROUBLE;
        goto out;
    }
    int cleaning = !o.list_settings && !o.check_rules;
    if (cleaning) {
        status = inputs_collect(&o, &files);
        if (status == EXIT_OK && o.outdir)
            status = inputs_check_outputs(&o, &files);
        if (status != EXIT_OK)
            goto out;
        /* any input that is not framed may be a WARC file (told when it
           is read, modes.c), whose records need the site packs */
        o.warc_possible = !o.suggest && !o.jsonl && !o.popts.nul_data;
    }
    if (pack_load(&o, &rs) < 0 || pack_language(&o, &rs) < 0) {
        status = EXIT_USAGE;
        goto out;
    }
    if (o.list_settings) {
        status = modes_list_settings(&rs);
        goto out;
    }
    if (o.check_rules) {
        status = modes_check_rules(&rs);
        goto out;
    }
    status = o.suggest ? modes_suggest(&o, &rs, &files) : modes_clean(&o, &rs, &files);
out:
    walk_free(&files);
    rules_free(&rs);
    options_free(&o);
    return status;
}
