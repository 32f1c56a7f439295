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

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nk_internal.h"

/* Offset of the first invalid byte, or len when all of s is valid. */
NK_HIDDEN size_t nk_utf8_check(const char *s, size_t len);

/* Is b an ASCII character?  NUL is not: it is never part of a name. */
static inline bool nk_utf8_is_ascii(unsigned char b)
{
	return b != 0 && b < 0x80;
}

/* Is b a continuation byte (10xxxxxx)? */
static inline bool nk_utf8_is_cont(unsigned char b)
{
	return (b & 0xC0u) == 0x80u;
}

/*
 * The code point of the two-byte sequence at s[i], i < len, or 0 when
 * there is none (0 is never one).  Inline: Latin letters with diacritics
 * and Cyrillic letters are read with it once a letter.
 */
static inline uint32_t nk_utf8_two_byte(const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;

	if (u[0] < 0xC2 || u[0] >= 0xE0 || len - i < 2 ||
	    !nk_utf8_is_cont(u[1]))
		return 0;
	return ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
}

/*
 * Validate and decode the sequence at s[*i], *i < len, and advance *i;
 * false, leaving *i, when it is not strict UTF-8 or is a NUL.  The bounds
 * of the second byte are what reject overlong forms, surrogates and code
 * points above U+10FFFF (RFC 3629, section 4).
 */
static inline bool nk_utf8_decode(const char *s, size_t len, size_t *i,
				  uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s + *i;
	const size_t left = len - *i;

	if (u[0] == 0)
		return false;
	if (u[0] < 0x80) {
		*cp = u[0];
		*i += 1;
		return true;
	}
	if (u[0] < 0xC2 || u[0] > 0xF4)
		return false;
	if (u[0] < 0xE0) {
		*cp = nk_utf8_two_byte(s, len, *i);
		if (*cp == 0)
			return false;
		*i += 2;
		return true;
	}
	if (u[0] < 0xF0) {
		const unsigned char lo = u[0] == 0xE0 ? 0xA0 : 0x80;
		const unsigned char hi = u[0] == 0xED ? 0x9F : 0xBF;
		if (left < 3 || u[1] < lo || u[1] > hi || !nk_utf8_is_cont(u[2]))
			return false;
		*cp = ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) |
		      (u[2] & 0x3Fu);
		*i += 3;
		return true;
	}
	const unsigned char lo = u[0] == 0xF0 ? 0x90 : 0x80;
	const unsigned char hi = u[0] == 0xF4 ? 0x8F : 0xBF;
	if (left < 4 || u[1] < lo || u[1] > hi || !nk_utf8_is_cont(u[2]) ||
	    !nk_utf8_is_cont(u[3]))
		return false;
	*cp = ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) |
	      ((u[2] & 0x3Fu) << 6) | (u[3] & 0x3Fu);
	*i += 4;
	return true;
}

/* Encode cp into out (4 bytes room); returns bytes written. */
NK_HIDDEN size_t nk_utf8_put(char *out, uint32_t cp);

#endif /* NK_UTF8_H */
