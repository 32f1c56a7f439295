/*
 * test_ko.c - Korean rules: Hangul, the surname table, the letter fold,
 * the reading of name order, detection, and the variant groups.
 */
#include <string.h>

#include "hangul.h"
#include "ko.h"
#include "ko_tables.h"
#include "nk_test.h"

/* Hangul syllables used below. */
#define HANGUL_GA 0xAC00u   /* 가: first syllable */
#define HANGUL_KIM 0xAE40u  /* 김 */
#define HANGUL_HIH 0xD7A3u  /* 힣: last syllable */
#define HANGUL_JAMO_A 0x314Fu /* ㅏ: a compatibility jamo, not a syllable */

static nk_lang lang_of(const char *name)
{
	nk_key_info info;
	char buf[NK_KEY_MAX];
	ck_assert_int_eq(nk_key(&info, buf, sizeof buf, nkt_ctx(), name,
				strlen(name), NULL), NK_OK);
	return info.lang;
}

/* Folds into alternating buffers, so two results can be compared. */
static const char *fold_as(const char *s, enum nk_ko_reading reading)
{
	static nk_ko_folded f[2];
	static unsigned next;
	nk_ko_folded *out = &f[next++ % 2];
	nk_ko_fold(out, s, strlen(s), reading);
	return out->s;
}

static const char *fold(const char *s)
{
	return fold_as(s, NK_KO_READ_SYSTEMS);
}

static const char *fold_popular(const char *s)
{
	return fold_as(s, NK_KO_READ_POPULAR);
}

START_TEST(hangul_is_korean)
{
	ck_assert_int_eq(lang_of("김수길"), NK_LANG_KO);
}
END_TEST

START_TEST(hangul_decomposes)
{
	nk_ko_jamo j;
	ck_assert(nk_ko_hangul_decompose(&j, HANGUL_KIM));
	ck_assert_uint_eq(j.initial, 0); /* ㄱ */
	ck_assert_uint_eq(j.vowel, 20);  /* ㅣ */
	ck_assert_uint_eq(j.final, 16);  /* ㅁ */
	ck_assert(nk_ko_hangul_decompose(&j, HANGUL_GA));
	ck_assert_uint_eq(j.initial + j.vowel + j.final, 0);
	ck_assert(nk_ko_hangul_decompose(&j, HANGUL_HIH));
	ck_assert_uint_eq(j.initial, 18); /* ㅎ */
	ck_assert_uint_eq(j.vowel, 20);   /* ㅣ */
	ck_assert_uint_eq(j.final, 27);   /* ㅎ */
	ck_assert(!nk_ko_hangul_decompose(&j, HANGUL_JAMO_A));
	ck_assert(!nk_ko_hangul_decompose(&j, 'a'));
}
END_TEST

START_TEST(hangul_romanizes)
{
	char out[NK_KO_SYLLABLE_ROMAN_MAX];
	ck_assert_uint_eq(nk_ko_hangul_romanize(out, HANGUL_KIM), 3);
	ck_assert_str_eq(out, "gim");
	nk_ko_hangul_romanize(out, 0xAF79u); /* 꽹: longest shape */
	ck_assert_str_eq(out, "kkwaeng");
	nk_ko_hangul_romanize(out, 0xC758u); /* 의 */
	ck_assert_str_eq(out, "ui");
	ck_assert_uint_eq(nk_ko_hangul_romanize(out, 'a'), 0);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(surnames_by_table)
{
	ck_assert(nkt_share_key("Lee Su-gil", "이수길"));
	ck_assert(nkt_share_key("Yi Su-gil", "이수길"));
	ck_assert(nkt_share_key("Rhee Su-gil", "이수길"));
	ck_assert(nkt_share_key("Ri Su-gil", "이수길"));
	ck_assert_str_eq(nkt_key("리수길"), "ko:i:sukil");
	ck_assert(nkt_share_key("Park Su-gil", "박수길"));
	ck_assert(nkt_share_key("Choi Su-gil", "최수길"));
	/* Popular Lee: u may be ㅓ (Jung), so Su-gil is also read 서길. */
	ck_assert_str_eq(nkt_key("Lee Su-gil"), "ko:i:sokil ko:i:sukil");
	ck_assert(nkt_share_key("Rim Su-gil", "Lim Su-gil"));
	ck_assert(nkt_share_key("Rim Su-gil", "임수길"));
	ck_assert(nkt_share_key("Roh Su-gil", "노수길"));
	ck_assert(nkt_share_key("Ryang Su-gil", "Yang Su-gil"));
	ck_assert(nkt_share_key("Hur Su-gil", "허수길"));
	ck_assert(nkt_share_key("Sohn Su-gil", "손수길"));
	ck_assert(nkt_share_key("Paik Su-gil", "Baek Su-gil"));
	/* 류 (柳) and 유 are different surnames. */
	ck_assert(!nkt_share_key("Ryu Su-gil", "Yoo Su-gil"));
	ck_assert(nkt_share_key("Ryu Su-gil", "Nyu Su-gil"));
	/* Ko and Ku, O and U: spellings apart, surnames apart. */
	ck_assert(!nkt_share_key("Ko Su-gil", "Ku Su-gil"));
	ck_assert(!nkt_share_key("Oh Su-gil", "Woo Su-gil"));
}
END_TEST

/* The Hangul of the surname a trace says the table gave, "" if none. */
static void surname_traced(void *data, const char *stage, const char *detail)
{
	const char *arrow = strstr(detail, " -> ");
	if (strcmp(stage, "ko") == 0 && strncmp(detail, "surname '", 9) == 0 &&
	    arrow && *(const char *)data == '\0')
		strcpy(data, arrow + strlen(" -> "));
}

/* A spelling as it is written: the fold's capitals are marked vowels. */
static void written(char *out, const char *latin)
{
	out[0] = '\0';
	for (const char *c = latin; *c; c++)
		strcat(out, *c == 'E' ? "é" : *c == 'O' ? "ŏ" : *c == 'U' ? "ŭ"
			    : (char[]){ *c, '\0' });
	strcat(out, " Su-gil");
}

/* Every spelling of the table is found, as one of its surnames. */
START_TEST(every_spelling_found)
{
	for (size_t i = 0; i < nk_ko_spellings_len; i++) {
		const nk_ko_spelling *sp = &nk_ko_spellings[i];
		char name[64], hangul[32] = "", buf[NK_KEY_MAX];
		nk_key_options opts = NK_KEY_OPTIONS_INIT;
		opts.lang = NK_LANG_KO;
		opts.trace = surname_traced;
		opts.trace_data = hangul;
		written(name, sp->latin);
		ck_assert_int_eq(nk_key(NULL, buf, sizeof buf, nkt_ctx(), name,
					strlen(name), &opts), NK_OK);
		bool found = false;
		for (size_t k = 0; k < sp->nids; k++)
			found |= strcmp(hangul, nk_ko_surnames[sp->ids[k]].hangul) == 0;
		ck_assert_msg(found, "%s: surname %s", name, hangul);
	}
}
END_TEST

START_TEST(two_syllable_surnames)
{
	ck_assert_str_eq(nkt_key("남궁민수"), "ko:namgung:minsu");
	ck_assert(nkt_share_key("남궁민수", "Namkoong Min-soo"));
	ck_assert(nkt_share_key("선우진", "Sunwoo Jin"));
	ck_assert(nkt_share_key("황보진", "Hwangbo Jin"));
	ck_assert(nkt_share_key("제갈진", "Chegal Chin"));
	ck_assert(nkt_share_key("독고진", "Tokko Chin"));
	ck_assert(nkt_share_key("Jin Dokgo", "독고진"));
	/* Three syllables, the first two no surname: 김 + 남궁. */
	ck_assert_str_eq(nkt_key("김남궁"), "ko:gim:namkug");
}
END_TEST

START_TEST(ambiguous_spellings)
{
	/* MR without breves writes both 서 and 소 as So. */
	ck_assert(nkt_share_key("So Min-ji", "서민지"));
	ck_assert(nkt_share_key("So Min-ji", "소민지"));
	ck_assert(!nkt_share_key("서민지", "소민지"));
	/* Either part may be the surname: both readings are keyed. */
	ck_assert(nkt_share_key("Kim Min", "Min Kim"));
	ck_assert(nkt_share_key("Min Kim", "김민"));
	ck_assert(nkt_share_key("Kim Min", "민김"));
	ck_assert(strchr(nkt_key("Kim Min"), ' ') != NULL);
}
END_TEST

START_TEST(fold_consonants)
{
	ck_assert_str_eq(fold("kil"), fold("gil"));
	ck_assert_str_eq(fold("kkil"), fold("khil"));
	ck_assert_str_eq(fold("tal"), fold("dal"));
	ck_assert_str_eq(fold("ttal"), fold("thal"));
	ck_assert_str_eq(fold("pom"), fold("bom"));
	ck_assert_str_eq(fold("ppom"), fold("phom"));
	ck_assert_str_eq(fold("chan"), fold("jan"));
	ck_assert_str_eq(fold("jjan"), fold("tchan"));
	ck_assert_str_eq(fold("can"), fold("chan"));
	ck_assert_str_eq(fold("sin"), fold("shin"));
	ck_assert_str_eq(fold("ssin"), fold("sin"));
	ck_assert_str_eq(fold("hara"), fold("hala"));
	ck_assert_str_eq(fold("mingi"), fold("minki"));
	ck_assert_str_ne(fold("min"), fold("ming"));
}
END_TEST

START_TEST(fold_vowels)
{
	/* ㅓ and ㅗ are o in every system: RR eo, MR ŏ, MR without breves o. */
	ck_assert_str_eq(fold("seong"), fold("song"));
	ck_assert_str_eq(fold("seong"), fold("sOng")); /* MR sŏng */
	/* ㅜ and ㅡ are u: RR u and eu, MR u and ŭ, popular oo. */
	ck_assert_str_eq(fold("eun"), fold("Un"));     /* MR ŭn */
	ck_assert_str_eq(fold("eun"), fold("un"));
	ck_assert_str_eq(fold("soo"), fold("su"));
	ck_assert_str_eq(fold("woo"), fold("u"));
	ck_assert_str_eq(fold("yoo"), fold("yu"));
	ck_assert_str_eq(fold("chae"), fold("che"));
	ck_assert_str_eq(fold("chae"), fold("chE"));   /* Indonesian-style è */
	ck_assert_str_eq(fold("hyeon"), fold("hyon"));
	ck_assert_str_eq(fold("hyeon"), fold("hyOn"));
	ck_assert_str_eq(fold("won"), fold("weon"));
	ck_assert_str_eq(fold("choe"), fold("chwe"));
	ck_assert_str_eq(fold("hui"), fold("hee"));
	ck_assert_str_eq(fold("hui"), fold("heui"));
	ck_assert_str_eq(fold("hui"), fold("hUi"));    /* MR hŭi */
	ck_assert_str_eq(fold("ahn"), fold("an"));
	/* The two back-vowel classes stay apart. */
	ck_assert_str_ne(fold("seong"), fold("seung"));
	ck_assert_str_ne(fold("song"), fold("sung"));
	ck_assert_str_ne(fold("daeun"), fold("daon"));
	ck_assert_str_ne(fold("hyeon"), fold("hyun"));
	/* Two vowels are two syllables: Ju-eun is not Jun. */
	ck_assert_str_ne(fold("jueun"), fold("jun"));
	/* a, e, i, o and u stay apart. */
	ck_assert_str_ne(fold("il"), fold("un"));
	ck_assert_str_ne(fold("han"), fold("hon"));
	ck_assert_str_ne(fold("ho"), fold("he"));
	ck_assert_str_ne(fold("ya"), fold("yo"));
}
END_TEST

START_TEST(fold_popular_u)
{
	/* Popular spelling writes a closed ㅓ as u and ㅕ as yu. */
	ck_assert_str_eq(fold_popular("sung"), fold("seong"));
	ck_assert_str_eq(fold_popular("jung"), fold("jeong"));
	ck_assert_str_eq(fold_popular("chul"), fold("cheol"));
	ck_assert_str_eq(fold_popular("hyun"), fold("hyeon"));
	ck_assert_str_eq(fold_popular("myung"), fold("myeong"));
	/* Without an initial it writes ㅓ eo and ㅕ you: u is ㅜ or ㅡ. */
	ck_assert_str_eq(fold_popular("naun"), fold("naeun"));
	ck_assert_str_eq(fold_popular("yun"), fold("yun"));
	/* Open, u is ㅜ there too: Su-a. */
	ck_assert_str_eq(fold_popular("sua"), fold("sua"));
}
END_TEST

START_TEST(back_vowels_apart)
{
	/* 다은 and 다온, 지은 and 지온, 서윤 and 수연 in each system. */
	ck_assert(!nkt_share_key("봉다은", "봉다온"));
	ck_assert(!nkt_share_key("Bong Da-eun", "Bong Da-on"));
	ck_assert(!nkt_share_key("Pong Ta-ŭn", "Pong Ta-on"));
	ck_assert(!nkt_share_key("Pong Ta-un", "Pong Ta-on"));
	ck_assert(!nkt_share_key("봉지은", "봉지온"));
	ck_assert(!nkt_share_key("Pong Chi-un", "Pong Chi-on"));
	ck_assert(!nkt_share_key("봉서윤", "봉수연"));
	ck_assert(!nkt_share_key("Bong Seo-yun", "Bong Su-yeon"));
	ck_assert(!nkt_share_key("봉주은", "봉준"));
	/* Each still meets its Hangul, with breves or without. */
	ck_assert(nkt_share_key("Pong Ta-un", "봉다은"));
	ck_assert(nkt_share_key("Pong Ta-ŭn", "봉다은"));
	ck_assert(nkt_share_key("Pong Chi-on", "봉지온"));
	ck_assert(nkt_share_key("Pong So-yun", "봉서윤"));
	ck_assert(nkt_share_key("Pong Su-yon", "봉수연"));
	ck_assert(nkt_share_key("Bong Joo-eun", "봉주은"));
}
END_TEST

START_TEST(popular_spellings)
{
	/* 정 in popular Jung meets Hangul 정, as surname and given name. */
	ck_assert(nkt_share_key("Jung Min-ho", "정민호"));
	ck_assert(nkt_share_key("Pyo Jung-ho", "표정호"));
	ck_assert(nkt_share_key("Pyo Jung-hoon", "표정훈"));
	ck_assert(nkt_share_key("Lee Hyun-woo", "이현우"));
	ck_assert(nkt_share_key("Choi Chul-soo", "최철수"));
	/* Without a cue either reading: RR Jung-ho is 중호. */
	ck_assert(nkt_share_key("Pyo Jung-ho", "표중호"));
	/* A closed ㅓ spelled eo: u is ㅜ, not ㅓ. */
	ck_assert(nkt_share_key("Pyo Jun-seok", "표준석"));
	ck_assert(!nkt_share_key("Pyo Jun-seok", "표전석"));
	/* Marked vowels: u is ㅜ. */
	ck_assert(!nkt_share_key("Pyo Chun-sŏk", "표전석"));
}
END_TEST

START_TEST(surname_system_cues)
{
	/* Son is 손, or 선 in MR without breves. */
	ck_assert(nkt_share_key("Son Tal-su", "손달수"));
	ck_assert(nkt_share_key("Son Tal-su", "선달수"));
	/* A voiced initial, eo or eu, or a breve elsewhere: not that MR. */
	ck_assert(!nkt_share_key("Son Dal-su", "선달수"));
	ck_assert(!nkt_share_key("Son Seong-su", "선성수"));
	ck_assert(!nkt_share_key("Son Kŭm-ja", "선금자"));
	ck_assert(nkt_share_key("Son Kŭm-ja", "손금자"));
	/* With its breve Sŏn is 선 only. */
	ck_assert(nkt_share_key("Sŏn Kŭm-ja", "선금자"));
	ck_assert(!nkt_share_key("Sŏn Kŭm-ja", "손금자"));
}
END_TEST

START_TEST(fold_joints)
{
	/* ㅐ + 우 and ㅏ + 은 joined read the same way whatever the spelling. */
	ck_assert_str_eq(fold("taeu"), fold("taewoo"));
	ck_assert_str_eq(fold("taeu"), fold("thEu"));
	ck_assert_str_eq(fold("haeun"), fold("haUn"));
	/* A marked vowel is never half of a digraph: MR Se-ŭn. */
	ck_assert_str_eq(fold("seeun"), fold("seUn"));
}
END_TEST

START_TEST(fold_initial_sound)
{
	ck_assert_str_eq(fold("ryong"), fold("yong"));
	ck_assert_str_eq(fold("lyong"), fold("nyong"));
	ck_assert_str_eq(fold("ri"), fold("i"));
	ck_assert_str_eq(fold("ro"), fold("no"));
	/* Only at the start of a word. */
	ck_assert_str_ne(fold("mira"), fold("mia"));
}
END_TEST

START_TEST(different_people_apart)
{
	ck_assert(!nkt_share_key("Kim Jong-il", "Kim Jong-un"));
	ck_assert(!nkt_share_key("Kim Jong-un", "Kim Jong-nam"));
	ck_assert(!nkt_share_key("Kim Jong-il", "Kim Jong-nam"));
	ck_assert(!nkt_share_key("김정일", "김정은"));
	ck_assert(nkt_share_key("Kim Jong Un", "김정은"));
	ck_assert(nkt_share_key("Kim Jŏng-ŭn", "Kim Jeong-eun"));
	ck_assert(!nkt_share_key("Kim Su-gil", "Lee Su-gil"));
	ck_assert(!nkt_share_key("Kim Min-a", "Kim Min-i"));
}
END_TEST

START_TEST(name_order)
{
	ck_assert_str_eq(nkt_key("Su-kil Kim"), nkt_key("Kim Su-kil"));
	ck_assert_str_eq(nkt_key("KIM Su Gil"), nkt_key("Kim Su-gil"));
	ck_assert_str_eq(nkt_key("Kim, Su-gil"), nkt_key("Kim Su-gil"));
	ck_assert_str_eq(nkt_key("Sugil Kim"), nkt_key("Kim Sugil"));
	/* Capitals mark the surname even where order says otherwise. */
	ck_assert_str_eq(nkt_key("Su Gil KIM"), nkt_key("Kim Su-gil"));
}
END_TEST

START_TEST(dprk_spellings)
{
	ck_assert(nkt_share_key("Ri Sol Ju", "리설주"));
	ck_assert(nkt_share_key("Ri Sol Ju", "Lee Seol-ju"));
	ck_assert(nkt_share_key("Choe Ryong Hae", "최룡해"));
	ck_assert(nkt_share_key("Pak Pong Ju", "박봉주"));
	ck_assert(nkt_share_key("Pak Pong Ju", "Park Bong-joo"));
}
END_TEST

START_TEST(detection)
{
	ck_assert_int_eq(lang_of("Kim Su-gil"), NK_LANG_KO);
	ck_assert_int_eq(lang_of("Su-gil Kim"), NK_LANG_KO);
	ck_assert_int_eq(lang_of("Pak Hyŏn-ch'ŏl"), NK_LANG_KO);
	ck_assert_int_eq(lang_of("Namkoong Min-soo"), NK_LANG_KO);
	ck_assert_int_eq(lang_of("Kim Wooyoung"), NK_LANG_KO);
	ck_assert_int_eq(lang_of("Ivan Petrov"), NK_LANG_RU);
	ck_assert_int_eq(lang_of("Petrova Anna"), NK_LANG_RU);
	/* A known surname, but Sergei and Viktor are no Korean syllables. */
	ck_assert_int_eq(lang_of("Sergei Kim"), NK_LANG_RU);
	ck_assert_int_eq(lang_of("Viktor Tsoi"), NK_LANG_RU);
	ck_assert_int_eq(lang_of("Ivan Pak"), NK_LANG_RU);
	/* Korean syllables, but no Korean surname at either end. */
	ck_assert_int_eq(lang_of("Marina Irina"), NK_LANG_RU);
	/* Marks no Korean romanization uses. */
	ck_assert_int_eq(lang_of("Kim Šina"), NK_LANG_RU);
	/* Known edge: a Russian given name made of Korean syllables. */
	ck_assert_int_eq(lang_of("Anna Kim"), NK_LANG_KO);
}
END_TEST

/* The syllable check on an ASCII word, stepped as ko.c reads a part. */
static bool syllables_ok(const char *word)
{
	const size_t n = strlen(word);
	unsigned state = 0;
	for (size_t k = 0; k < n; k++)
		state = nk_ko_syllable_move(
			state, nk_ko_syllable_kind((unsigned char)word[k]));
	return nk_ko_syllables_end(state, n);
}

START_TEST(syllables)
{
	ck_assert(syllables_ok("chong-un"));
	ck_assert(syllables_ok("ch'ol"));
	ck_assert(syllables_ok("ahn"));
	ck_assert(syllables_ok("park"));
	ck_assert(syllables_ok("wooyoung"));
	ck_assert(!syllables_ok("ivanov"));
	ck_assert(!syllables_ok("petrov"));
	ck_assert(!syllables_ok("sergei"));
	ck_assert(!syllables_ok("str"));
	ck_assert(!syllables_ok(""));
}
END_TEST

START_TEST(variant_groups)
{
	ck_assert_int_eq(nkt_check_groups("ko_variants.tsv"), 0);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("ko");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, hangul_is_korean);
	tcase_add_test(tc, hangul_decomposes);
	tcase_add_test(tc, hangul_romanizes);
	tcase_add_test(tc, surnames_by_table);
	tcase_add_test(tc, every_spelling_found);
	tcase_add_test(tc, two_syllable_surnames);
	tcase_add_test(tc, ambiguous_spellings);
	tcase_add_test(tc, fold_consonants);
	tcase_add_test(tc, fold_vowels);
	tcase_add_test(tc, fold_popular_u);
	tcase_add_test(tc, back_vowels_apart);
	tcase_add_test(tc, popular_spellings);
	tcase_add_test(tc, surname_system_cues);
	tcase_add_test(tc, fold_joints);
	tcase_add_test(tc, fold_initial_sound);
	tcase_add_test(tc, different_people_apart);
	tcase_add_test(tc, name_order);
	tcase_add_test(tc, dprk_spellings);
	tcase_add_test(tc, detection);
	tcase_add_test(tc, syllables);
	tcase_add_test(tc, variant_groups);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
