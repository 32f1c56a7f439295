/*
 * fold_tables.c - the data of the Unicode fold stage.
 *
 * Punctuation that names are written with, grouped by the role it plays
 * (every apostrophe-like mark may stand for a Russian soft sign or an MR
 * aspiration; every dash joins name parts), Latin letters without a
 * canonical decomposition, and which combining marks the language rules
 * care about.
 */
#include "fold_tables.h"

const nk_punct nk_punct_table[] = {
	{ 0x0009, NK_KIND_SPACE },      /* tab */
	{ 0x000A, NK_KIND_SPACE },
	{ 0x000D, NK_KIND_SPACE },
	{ 0x0020, NK_KIND_SPACE },
	{ 0x0022, NK_KIND_QUOTE },      /* " : GOST 16876 hard sign */
	{ 0x0026, NK_KIND_SPACE },      /* & */
	{ 0x0027, NK_KIND_APOS },       /* ' */
	{ 0x0028, NK_KIND_OPEN },
	{ 0x0029, NK_KIND_CLOSE },
	{ 0x002C, NK_KIND_COMMA },
	{ 0x002D, NK_KIND_HYPHEN },
	{ 0x002E, NK_KIND_DOT },
	{ 0x002F, NK_KIND_SPACE },      /* / */
	{ 0x003B, NK_KIND_SPACE },      /* ; */
	{ 0x005B, NK_KIND_OPEN },
	{ 0x005D, NK_KIND_CLOSE },
	{ 0x005F, NK_KIND_SPACE },      /* _ */
	{ 0x0060, NK_KIND_APOS },       /* ` : GOST 7.79 B soft sign */
	{ 0x007B, NK_KIND_OPEN },
	{ 0x007C, NK_KIND_SPACE },      /* | */
	{ 0x007D, NK_KIND_CLOSE },
	{ 0x00A0, NK_KIND_SPACE },      /* no-break space */
	{ 0x00AB, NK_KIND_QUOTE },      /* « */
	{ 0x00AD, NK_KIND_HYPHEN },     /* soft hyphen */
	{ 0x00B4, NK_KIND_APOS },       /* acute accent */
	{ 0x00B7, NK_KIND_HYPHEN },     /* middle dot */
	{ 0x00BB, NK_KIND_QUOTE },      /* » */
	{ 0x02B9, NK_KIND_APOS },       /* modifier prime: ISO 9 soft sign */
	{ 0x02BA, NK_KIND_QUOTE },      /* double prime: ISO 9 hard sign */
	{ 0x02BB, NK_KIND_APOS },       /* turned comma */
	{ 0x02BC, NK_KIND_APOS },       /* modifier apostrophe */
	{ 0x02BD, NK_KIND_APOS },
	{ 0x02BE, NK_KIND_APOS },
	{ 0x02BF, NK_KIND_APOS },
	{ 0x02C8, NK_KIND_APOS },
	{ 0x02CA, NK_KIND_APOS },
	{ 0x02CB, NK_KIND_APOS },
	{ 0x058A, NK_KIND_HYPHEN },
	{ 0x05BE, NK_KIND_HYPHEN },
	{ 0x1806, NK_KIND_HYPHEN },
	{ 0x2010, NK_KIND_HYPHEN },     /* hyphen .. horizontal bar */
	{ 0x2011, NK_KIND_HYPHEN },
	{ 0x2012, NK_KIND_HYPHEN },
	{ 0x2013, NK_KIND_HYPHEN },
	{ 0x2014, NK_KIND_HYPHEN },
	{ 0x2015, NK_KIND_HYPHEN },
	{ 0x2018, NK_KIND_APOS },       /* ‘ */
	{ 0x2019, NK_KIND_APOS },       /* ’ */
	{ 0x201A, NK_KIND_APOS },
	{ 0x201B, NK_KIND_APOS },
	{ 0x201C, NK_KIND_QUOTE },
	{ 0x201D, NK_KIND_QUOTE },
	{ 0x201E, NK_KIND_QUOTE },
	{ 0x201F, NK_KIND_QUOTE },
	{ 0x2027, NK_KIND_HYPHEN },     /* hyphenation point */
	{ 0x2032, NK_KIND_APOS },       /* prime */
	{ 0x2033, NK_KIND_QUOTE },      /* ″ */
	{ 0x2035, NK_KIND_APOS },
	{ 0x2039, NK_KIND_QUOTE },
	{ 0x203A, NK_KIND_QUOTE },
	{ 0x2043, NK_KIND_HYPHEN },
	{ 0x2212, NK_KIND_HYPHEN },     /* minus sign */
	{ 0x2E3A, NK_KIND_HYPHEN },
	{ 0x2E3B, NK_KIND_HYPHEN },
	{ 0x3001, NK_KIND_COMMA },      /* ideographic comma */
	{ 0x3002, NK_KIND_DOT },
	{ 0x30FB, NK_KIND_HYPHEN },     /* katakana middle dot */
	{ 0xA78B, NK_KIND_APOS },       /* saltillo */
	{ 0xA78C, NK_KIND_APOS },
	{ 0xFE58, NK_KIND_HYPHEN },
	{ 0xFE63, NK_KIND_HYPHEN },
	{ 0xFF07, NK_KIND_APOS },
	{ 0xFF0C, NK_KIND_COMMA },
	{ 0xFF0D, NK_KIND_HYPHEN },
	{ 0xFF0E, NK_KIND_DOT },
	{ 0xFF65, NK_KIND_HYPHEN },
};
const size_t nk_punct_count = NK_ARRAY_LEN(nk_punct_table);

/* Latin letters with no canonical decomposition, as a reader sees them. */
const nk_letter_fold nk_letter_fold_table[] = {
	{ 0x00E6, "ae" }, /* æ */
	{ 0x00F0, "d" },  /* ð */
	{ 0x00F8, "o" },  /* ø */
	{ 0x00FE, "th" }, /* þ */
	{ 0x0111, "d" },  /* đ */
	{ 0x0127, "h" },  /* ħ */
	{ 0x0131, "i" },  /* dotless i */
	{ 0x0138, "k" },  /* ĸ */
	{ 0x0140, "l" },  /* ŀ */
	{ 0x0142, "l" },  /* ł: Polish press spellings */
	{ 0x014B, "ng" }, /* ŋ */
	{ 0x0153, "oe" }, /* œ */
	{ 0x0180, "b" },
	{ 0x01DD, "e" },  /* ǝ */
	{ 0x0237, "j" },  /* dotless j */
	{ 0x0251, "a" },
	{ 0x0259, "e" },  /* ə */
	{ 0x025B, "e" },  /* ɛ */
	{ 0x0268, "i" },  /* ɨ: some ы transcriptions */
	{ 0x0269, "i" },
	{ 0x0283, "sh" }, /* ʃ */
	{ 0x0292, "zh" }, /* ʒ */
};
const size_t nk_letter_fold_count = NK_ARRAY_LEN(nk_letter_fold_table);

const nk_mark_bit nk_mark_table[] = {
	{ 0x0300, NK_MARK_GRAVE },
	{ 0x0301, NK_MARK_ACUTE },
	{ 0x0302, NK_MARK_CIRCUMFLEX },
	{ 0x0306, NK_MARK_BREVE },
	{ 0x0308, NK_MARK_DIAERESIS },
	{ 0x030C, NK_MARK_CARON },
	{ 0x032E, NK_MARK_BREVE },      /* breve below */
	{ 0x0311, NK_MARK_BREVE },      /* inverted breve */
};
const size_t nk_mark_count = NK_ARRAY_LEN(nk_mark_table);
