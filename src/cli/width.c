/*
 * width.c - terminal column widths of UTF-8 text, from ICU's Unicode
 * properties (East Asian Width, general category, Hangul syllable type).
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "width.h"

enum {
	COLUMNS_NONE = 0,
	COLUMNS_NARROW = 1,
	COLUMNS_WIDE = 2
};

/* Marks and format characters draw on (or between) their neighbours. */
static bool is_zero_width(UChar32 c)
{
	const int8_t type = u_charType(c);
	if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK ||
	    type == U_FORMAT_CHAR || type == U_CONTROL_CHAR)
		return true;
	/* Conjoining jungseong and jongseong join the choseong before them
	 * into one syllable block. */
	const int hst = u_getIntPropertyValue(c, UCHAR_HANGUL_SYLLABLE_TYPE);
	return hst == U_HST_VOWEL_JAMO || hst == U_HST_TRAILING_JAMO;
}

static size_t char_width(UChar32 c)
{
	if (c < 0)
		return COLUMNS_NARROW;
	if (is_zero_width(c))
		return COLUMNS_NONE;
	const int eaw = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
	return eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH ? COLUMNS_WIDE
							 : COLUMNS_NARROW;
}

size_t nk_cli_width(const char *s, size_t n)
{
	/* ICU indexes with int32_t; no name comes near that length. */
	const int32_t len = n > INT32_MAX ? INT32_MAX : (int32_t)n;
	const uint8_t *u = (const uint8_t *)s;
	size_t columns = 0;
	int32_t i = 0;
	while (i < len) {
		UChar32 c;
		U8_NEXT(u, i, len, c);
		columns += char_width(c);
	}
	return columns;
}

void nk_cli_pad(FILE *f, const char *s, size_t columns)
{
	fputs(s, f);
	for (size_t w = nk_cli_width(s, strlen(s)); w < columns; w++)
		fputc(' ', f);
}
