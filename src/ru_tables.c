/*
 * ru_tables.c - how Russian names are spelled, as data.
 *
 * The Latin rules are the union of the romanization systems (ISO 9, GOST
 * 7.79 A/B, GOST 16876, BGN/PCGN, ALA-LC, ICAO 9303, MVD, BS 2979, UNGEGN,
 * scholarly) and of press transcriptions into English, French, German,
 * Polish and Czech, reduced to one phoneme alphabet in which the
 * distinctions that ASCII-only spellings erase are erased for everyone:
 *
 *   ш щ с -> s      ж з -> z      ч ц -> c      х -> h
 *   и ы й and every glide letter (y j i) -> i
 *   ь ъ and every apostrophe -> ' (a glide before a vowel, else nothing)
 *
 * Rules sharing a first letter are listed longest first: the first rule
 * that matches wins.
 */
#include "ru_tables.h"

const nk_ru_rule nk_ru_latin_rules[] = {
	/* щ */
	{ "schtsch", "s", 0, 0, NK_RU_ANY, "German schtsch = щ" },
	{ "chtch", "s", 0, 0, NK_RU_ANY, "French chtch = щ" },
	{ "shch", "s", 0, 0, NK_RU_ANY, "BGN/PCGN, ALA-LC shch = щ" },
	{ "szcz", "s", 0, 0, NK_RU_ANY, "Polish szcz = щ" },
	{ "shh", "s", 0, 0, NK_RU_ANY, "GOST 7.79 B shh = щ" },
	{ "SC", "s", 0, 0, NK_RU_ANY, "scholarly, Czech šč = щ" },
	/* ч */
	{ "tsch", "c", 0, 0, NK_RU_ANY, "German tsch = ч" },
	{ "tch", "c", 0, 0, NK_RU_ANY, "French tch = ч" },
	{ "cz", "c", 0, 0, NK_RU_ANY, "Polish cz = ч (GOST 7.79 B ц)" },
	{ "ch", "c", 0, NK_RU_FR | NK_RU_DE, NK_RU_ANY, "English ch = ч" },
	{ "ch", "s", NK_RU_FR, 0, NK_RU_ANY, "French ch = ш" },
	{ "ch", "h", NK_RU_DE, 0, NK_RU_ANY, "German, Polish, Czech ch = х" },
	{ "c", "c", 0, 0, NK_RU_ANY, "ISO 9, GOST c = ц" },
	{ "C", "c", 0, 0, NK_RU_ANY, "č = ч, folded with ц" },
	/* ш */
	{ "sch", "s", 0, 0, NK_RU_ANY, "German sch = ш" },
	{ "sh", "s", 0, 0, NK_RU_ANY, "sh = ш, folded with с" },
	{ "sc", "s", 0, 0, NK_RU_ANY, "Telegram sc = щ" },
	{ "sz", "s", 0, 0, NK_RU_ANY, "Polish sz = ш" },
	{ "S", "s", 0, 0, NK_RU_ANY, "š ŝ = ш щ, folded with с" },
	/* ж */
	{ "zh", "z", 0, 0, NK_RU_ANY, "zh = ж, folded with з" },
	{ "Z", "z", 0, 0, NK_RU_ANY, "ž = ж, folded with з" },
	{ "j", "z", NK_RU_JZ, 0, NK_RU_ANY, "French, Telegram j = ж" },
	{ "dj", "z", NK_RU_JZ, 0, NK_RU_ANY, "French dj = ж" },
	/* х */
	{ "kh", "h", 0, 0, NK_RU_ANY, "kh = х" },
	{ "x", "h", NK_RU_XH, 0, NK_RU_ANY, "GOST 7.79 B, scholarly x = х" },
	{ "x", "ks", 0, NK_RU_XH, NK_RU_ANY, "English x = кс" },
	/* ц */
	{ "ts", "c", 0, 0, NK_RU_ANY, "ts = ц" },
	{ "tc", "c", 0, 0, NK_RU_ANY, "GOST R 52535 tc = ц" },
	{ "tz", "c", 0, 0, NK_RU_ANY, "German tz = ц" },
	/* у, г before e i (French) */
	{ "ou", "u", NK_RU_FR, 0, NK_RU_ANY, "French ou = у" },
	{ "gu", "g", 0, 0, NK_RU_BEFORE_FRONT, "French gu before e, i = г" },
	/* glides and the letters other alphabets use for в, ф, к */
	{ "y", "i", 0, 0, NK_RU_ANY, "y = й, ы or a glide" },
	{ "j", "i", 0, NK_RU_JZ, NK_RU_ANY, "j = й or a glide" },
	{ "w", "v", 0, 0, NK_RU_ANY, "German, Polish w = в" },
	{ "ph", "f", 0, 0, NK_RU_ANY, "ph = ф" },
	{ "eh", "e", 0, 0, NK_RU_INITIAL, "GOST 16876 eh = э" },
	{ "q", "k", 0, 0, NK_RU_ANY, "q = к" },
};
const size_t nk_ru_latin_rule_count = NK_ARRAY_LEN(nk_ru_latin_rules);

const nk_ru_marked nk_ru_marked_letters[] = {
	{ 'a', NK_MARK_CIRCUMFLEX, "ia" }, /* ISO 9 я */
	{ 'u', NK_MARK_CIRCUMFLEX, "iu" }, /* ISO 9 ю */
	{ 's', NK_MARK_CIRCUMFLEX, "S" },  /* ISO 9 щ */
	{ 'e', NK_MARK_DIAERESIS, "io" },  /* ISO 9, ALA-LC ё */
	{ 'o', NK_MARK_DIAERESIS, "io" },  /* German ё */
	{ 'u', NK_MARK_DIAERESIS, "iu" },  /* German ю */
	{ 's', NK_MARK_CARON, "S" },
	{ 'c', NK_MARK_CARON, "C" },
	{ 'z', NK_MARK_CARON, "Z" },
};
const size_t nk_ru_marked_count = NK_ARRAY_LEN(nk_ru_marked_letters);

/* U+0430..U+045F: а..я, then ѐ ё ђ ѓ є ѕ і ї ј љ њ ћ ќ ѝ ў џ */
const char *const nk_ru_cyrillic[] = {
	"a", "b", "v", "g", "d", "e", "z", "z",   /* а б в г д е ж з */
	"i", "i", "k", "l", "m", "n", "o", "p",   /* и й к л м н о п */
	"r", "s", "t", "u", "f", "h", "c", "c",   /* р с т у ф х ц ч */
	"s", "s", "'", "i", "'", "e", "iu", "ia", /* ш щ ъ ы ь э ю я */
	"e", "io", "d", "g", "ie", "z", "i", "ii", /* ѐ ё ђ ѓ є ѕ і ї */
	"i", "l", "n", "c", "k", "i", "u", "dz",  /* ј љ њ ћ ќ ѝ ў џ */
};

const char *const nk_ru_patronymic_suffixes[] = {
	"ovic", "evic", "ovna", "evna", "icna", "ic",
};
const size_t nk_ru_patronymic_count = NK_ARRAY_LEN(nk_ru_patronymic_suffixes);

const char *const nk_ru_surname_suffixes[] = {
	"ov", "ev", "in", "ski", "ova", "eva", "ina", "ska", "ko", "uk",
	"enko", "iak",
};
const size_t nk_ru_surname_suffix_count = NK_ARRAY_LEN(nk_ru_surname_suffixes);

const nk_ru_gender nk_ru_gender_endings[] = {
	{ "ska", "ski" },
	{ "ova", "ov" },
	{ "eva", "ev" },
	{ "ina", "in" },
};
const size_t nk_ru_gender_count = NK_ARRAY_LEN(nk_ru_gender_endings);
