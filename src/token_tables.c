/*
 * token_tables.c - honorifics, titles and noise that never belong in a
 * key.  Words that can also be name parts (Korean "Gen", "Sen") count as
 * noise only when written as abbreviations, with a dot.
 */
#include "token_tables.h"

const nk_noise_word nk_noise_table[] = {
	/* English, French, German, Polish address forms and titles */
	{ U"adm", true },     { U"capt", true },    { U"col", true },
	{ U"cpt", true },     { U"dr", false },     { U"frau", false },
	{ U"gen", true },     { U"gov", true },     { U"herr", false },
	{ U"hon", true },     { U"jr", false },     { U"lt", true },
	{ U"madam", false },  { U"maj", true },     { U"miss", false },
	{ U"mister", false }, { U"mlle", false },   { U"mme", false },
	{ U"mr", false },     { U"mrs", false },    { U"ms", false },
	{ U"pan", true },     { U"pani", true },    { U"pres", true },
	{ U"prof", false },   { U"rep", true },     { U"rev", true },
	{ U"sen", true },     { U"sgt", true },     { U"sir", false },
	{ U"sr", false },     { U"st", true },
	/* Russian */
	{ U"г-жа", false },   { U"г-н", false },    { U"ген", true },
	{ U"гн", false },     { U"господин", false }, { U"госпожа", false },
	{ U"гр", true },      { U"д-р", false },    { U"проф", true },
	{ U"тов", false },    { U"товарищ", false },
	/* Korean address terms written apart */
	{ U"님", false },     { U"선생님", false },  { U"씨", false },
};
const size_t nk_noise_count = NK_ARRAY_LEN(nk_noise_table);

const uint32_t nk_hangul_suffix_table[] = {
	0xC528, /* 씨 */
	0xB2D8, /* 님 */
};
const size_t nk_hangul_suffix_count = NK_ARRAY_LEN(nk_hangul_suffix_table);
