/*
 * utf8.h - strict UTF-8 validation and decoding.
 *
 * Owns the first stage: deciding whether input bytes are a name at all.
 * Rejects overlong forms, surrogates, code points above U+10FFFF,
 * truncated sequences and NUL bytes (a NUL inside a name is always a
 * corrupted record, never a character).
 */
#ifndef NK_UTF8_H
#define NK_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "nk_internal.h"

/* Offset of the first invalid byte, or len when all of s is valid. */
NK_HIDDEN size_t nk_utf8_check(const char *s, size_t len);

/*
 * Decode the code point at s[*i] of valid UTF-8 and advance *i.
 * Only for input that nk_utf8_check() accepted.  Inline: the fold and
 * the tokenizer call it once per letter.
 */
static inline uint32_t nk_utf8_next(const char *s, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s + *i;

	if (u[0] < 0x80) {
		*i += 1;
		return u[0];
	}
	if (u[0] < 0xE0) {
		*i += 2;
		return ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
	}
	if (u[0] < 0xF0) {
		*i += 3;
		return ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) |
		       (u[2] & 0x3Fu);
	}
	*i += 4;
	return ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) |
	       ((u[2] & 0x3Fu) << 6) | (u[3] & 0x3Fu);
}

/* Encode cp into out (4 bytes room); returns bytes written. */
NK_HIDDEN size_t nk_utf8_put(char *out, uint32_t cp);

#endif /* NK_UTF8_H */
