/*
 * token_tables.c - honorifics, titles and noise that never belong in a
 * key.  Words that can also be name parts (Korean "Gen", "Sen") count as
 * noise only when written as abbreviations, with a dot.
 */
#include "token_tables.h"

const nk_noise_word nk_noise_table[] = {
	/* English, French, German, Polish address forms */
	{ "mr", false },    { "mrs", false },   { "ms", false },
	{ "miss", false },  { "mister", false }, { "dr", false },
	{ "prof", false },  { "sir", false },   { "madam", false },
	{ "mme", false },   { "mlle", false },
	{ "herr", false },  { "frau", false },  { "pan", true },
	{ "pani", true },
	/* titles and ranks, abbreviated */
	{ "gen", true },    { "col", true },    { "lt", true },
	{ "maj", true },    { "capt", true },   { "cpt", true },
	{ "sgt", true },    { "adm", true },    { "sen", true },
	{ "rep", true },    { "gov", true },    { "pres", true },
	{ "hon", true },    { "rev", true },    { "st", true },
	{ "jr", false },    { "sr", false },
	/* Russian */
	{ "г-н", false },   { "г-жа", false },  { "гн", false },
	{ "госпожа", false }, { "господин", false },
	{ "тов", false },   { "товарищ", false }, { "гр", true },
	{ "д-р", false },   { "проф", true },   { "ген", true },
	/* Korean address terms written apart */
	{ "씨", false },    { "님", false },    { "선생님", false },
};
const size_t nk_noise_count = NK_ARRAY_LEN(nk_noise_table);

const uint32_t nk_hangul_suffix_table[] = {
	0xC528, /* 씨 */
	0xB2D8, /* 님 */
};
const size_t nk_hangul_suffix_count = NK_ARRAY_LEN(nk_hangul_suffix_table);
