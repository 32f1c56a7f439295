/*
 * width.h - how many terminal columns UTF-8 text takes, so that tables
 * with Hangul, CJK and combining marks in them line up.
 */
#ifndef NK_CLI_WIDTH_H
#define NK_CLI_WIDTH_H

#include <stddef.h>
#include <stdio.h>

/*
 * Columns that n bytes of UTF-8 take on a terminal: East Asian Wide and
 * Fullwidth characters 2, combining marks, format characters, controls
 * and the conjoining vowels and finals of Hangul Jamo 0, anything else
 * (Ambiguous included, as in a non-CJK locale) 1.  A byte that is not
 * UTF-8 counts 1, as the replacement character a terminal shows for it.
 */
size_t nk_cli_width(const char *s, size_t n);

/* Write the NUL-terminated s to f, then spaces up to columns columns. */
void nk_cli_pad(FILE *f, const char *s, size_t columns);

#endif /* NK_CLI_WIDTH_H */
