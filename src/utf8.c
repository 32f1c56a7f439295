/*
 * utf8.c - strict UTF-8 validation and decoding (see utf8.h).
 */
#include "utf8.h"

/* Length of the sequence a lead byte starts, 0 for an invalid lead. */
static size_t seq_len(unsigned char b)
{
	if (b < 0x80)
		return 1;
	if (b >= 0xC2 && b <= 0xDF)
		return 2;
	if (b >= 0xE0 && b <= 0xEF)
		return 3;
	if (b >= 0xF0 && b <= 0xF4)
		return 4;
	return 0;
}

/* Are the continuation bytes of the sequence at s valid? */
static int seq_ok(const unsigned char *s, size_t n)
{
	for (size_t k = 1; k < n; k++)
		if ((s[k] & 0xC0) != 0x80)
			return 0;
	if (n == 3 && s[0] == 0xE0 && s[1] < 0xA0)
		return 0; /* overlong */
	if (n == 3 && s[0] == 0xED && s[1] >= 0xA0)
		return 0; /* surrogate */
	if (n == 4 && s[0] == 0xF0 && s[1] < 0x90)
		return 0; /* overlong */
	if (n == 4 && s[0] == 0xF4 && s[1] >= 0x90)
		return 0; /* above U+10FFFF */
	return 1;
}

size_t nk_utf8_check(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		if (u[i] == 0)
			return i;
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		const size_t n = seq_len(u[i]);
		if (n == 0 || n > len - i || !seq_ok(u + i, n))
			return i;
		i += n;
	}
	return len;
}

size_t nk_utf8_put(char *out, uint32_t cp)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}
