/* layout_internal.h: what layout.c and layout_text.c share; not for other
 * modules. */
#ifndef CLEANER_LAYOUT_INTERNAL_H
#define CLEANER_LAYOUT_INTERNAL_H

#include <stddef.h>

#include "layout.h"

/* The Markdown kind of a line s[0..n) with its indent taken off. */
enum md_kind layout_md_kind(const char *s, size_t n, unsigned indent);
/* The length of a lynx link mark "[123]" at s (glued to a word), or 0. */
size_t layout_link_mark(const char *s, size_t n);

#endif
