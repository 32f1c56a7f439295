#!/usr/bin/env python3
"""Turn the rewrite rules of the Korean letter fold into a trie.

The fold (ko_fold.c) reads a word left to right and at each letter
rewrites the longest run of letters a rule below matches; at equal
length a rule with a condition is tried before the plain one.  The rules
are the whole of the fold's spelling knowledge; this script checks them
and lays them out as a trie over letter classes, so ko_fold.c finds the
rule at a position with one table look-up a letter instead of trying
rules one by one: every Korean name is folded.

A rule is (letters, written, why[, when]).  Letters are lowercase ASCII
or a vowel written with a mark, which reaches the fold as a capital
(MR ŏ ŭ, Indonesian-style ö è é: E, O, U).  Why names the member of enum
nk_ko_fold_why the rule sets (ko.h), and when, if given, the enum
nk_ko_fold_when condition (ko_tables.h) under which it applies.

usage: gen_ko_fold.py ko_fold_rules.c
"""
import sys

# The letters the fold reads; class 0 is anything else, which it skips.
LETTERS = "abcdefghijklmnopqrstuvwxyz" + "EOU"
FROM_MAX = 4  # NK_KO_FOLD_FROM_MAX in ko_tables.h
TO_MAX = 3    # NK_KO_FOLD_TO_MAX in ko_tables.h
VOWELS_AND_GLIDES = "aeiouwy"

# The letter after the match is a vowel or glide.
BEFORE_VOWEL = "BEFORE_VOWEL"
# Popular reading, an initial before and a final after: ㅓ written u
# (Jung), ㅕ written yu (Hyun).  Without an initial popular spelling
# writes ㅓ eo and ㅕ you or yeo, and open it writes ㅓ eo (Seo), so u
# is ㅜ or ㅡ there.
POPULAR_CLOSED = "POPULAR_CLOSED"

RULES = [
    # ㅐ + a vowel-initial syllable ("Ha-eun", "Bo-eun" written joined)
    # reads as a + the vowel: names in -eun are far more common than
    # ㅐ/ㅚ + 은.
    ("aeui", "aui", "E"), ("aeu", "au", "E"), ("aeo", "ao", "E"),
    ("ae", "e", "E"), ("a", "a", "NONE"),
    ("bb", "p", "P"), ("b", "p", "P"),
    ("cch", "c", "C"), ("chh", "c", "C"), ("cc", "c", "C"),
    ("ch", "c", "C"), ("c", "c", "C"),
    ("dd", "t", "T"), ("d", "t", "T"),
    # ㅢ is ㅡ + i: popular Hee (희) meets hui, heui, hŭi and hu-i.
    ("eeu", "eu", "U"), ("eeo", "eo", "O"), ("eu", "u", "U"),
    ("eo", "o", "O"), ("ee", "ui", "I"), ("e", "e", "NONE"),
    ("f", "p", "P"),
    ("gg", "k", "K"), ("gh", "k", "K"), ("g", "k", "K"),
    ("h", "h", "NONE", BEFORE_VOWEL), ("h", "", "SILENT_H"),
    ("i", "i", "NONE"),
    ("jj", "c", "C"), ("j", "c", "C"),
    ("kk", "k", "K"), ("kh", "k", "K"), ("k", "k", "NONE"),
    ("l", "l", "NONE"),
    ("m", "m", "NONE"),
    # Joined, ng + vowel reads as n + g: Mingi meets Min-ki.
    ("ng", "nk", "NG", BEFORE_VOWEL), ("ng", "g", "NONE"),
    ("n", "n", "NONE"),
    # Popular oo is ㅜ (Soo, Joon).  A plain ou is two syllables
    # (So-un); the popular ou of Young is read with its y.
    ("oeu", "ou", "U"), ("oeo", "oo", "O"), ("oe", "we", "WE"),
    ("oo", "u", "U"), ("o", "o", "NONE"),
    ("pp", "p", "P"), ("ph", "p", "P"), ("p", "p", "NONE"),
    ("q", "k", "K"),
    ("r", "l", "L"),
    ("ss", "s", "S"), ("sh", "s", "S"), ("s", "s", "NONE"),
    ("tch", "c", "C"), ("tt", "t", "T"), ("th", "t", "T"),
    ("t", "t", "NONE"),
    # Popular spelling writes ㅓ before a final as u: Jung, Sung, Chul.
    ("u", "o", "POPULAR_U", POPULAR_CLOSED), ("u", "u", "NONE"),
    ("v", "p", "P"),
    # ㅜ has no glide: "Woo" and "Wu" (Yale) are u.
    ("woo", "u", "U"), ("wu", "u", "U"), ("weo", "wo", "O"),
    ("wO", "wo", "O"), ("wE", "we", "E"),
    ("wae", "we", "WE"), ("wee", "wi", "I"), ("wa", "wa", "NONE"),
    ("we", "we", "NONE"), ("wi", "wi", "NONE"), ("wo", "wo", "NONE"),
    ("w", "", "NONE"),
    ("x", "s", "S"),
    # ㅕ is yeo, yŏ, MR yo, popular you (Young); ㅠ is yu, popular yoo.
    # Popular spelling writes ㅕ after a consonant and before a final as
    # yu: Hyun, Myung, Kyung.
    ("yeo", "yo", "YO"), ("yoo", "yu", "U"), ("you", "yo", "YO"),
    ("yO", "yo", "YO"), ("yE", "ye", "E"), ("yae", "ye", "E"),
    ("yi", "i", "I"), ("ya", "ya", "NONE"),
    ("ye", "ye", "NONE"), ("yo", "yo", "NONE"),
    ("yu", "yo", "POPULAR_U", POPULAR_CLOSED),
    ("yu", "yu", "NONE"), ("y", "", "NONE"),
    ("z", "c", "C"),
    # A vowel written with a mark is one vowel on its own and never half
    # of a digraph, which is what tells MR Se-ŭn from Seun.
    ("E", "e", "E"), ("O", "o", "O"), ("U", "u", "U"),
]


def check(rules):
    """Every letter has a rule of its own; a condition has a fallback."""
    plain, when = {}, {}
    for rule in rules:
        frm, to = rule[0], rule[1]
        if not 0 < len(frm) <= FROM_MAX or len(to) > TO_MAX:
            sys.exit(f"rule {frm} -> {to}: too long")
        if any(ch not in LETTERS for ch in frm):
            sys.exit(f"rule {frm}: a letter the fold does not read")
        # The fold collapses a consonant repeated across rules only.
        if any(a == b and a not in VOWELS_AND_GLIDES for a, b in zip(to, to[1:])):
            sys.exit(f"rule {frm} -> {to}: writes a doubled consonant")
        table = when if len(rule) > 3 else plain
        if frm in table:
            sys.exit(f"rule {frm}: given twice")
        table[frm] = rule
    for frm in when:
        if frm not in plain:
            sys.exit(f"rule {frm}: a condition with no plain rule beside it")
        # ko_fold.c makes the systems reading from the popular one by
        # writing u back for the last letter a POPULAR_CLOSED rule wrote.
        popular, systems = when[frm][1], plain[frm][1]
        if when[frm][3] == POPULAR_CLOSED and not (
                popular[:1] in list(VOWELS_AND_GLIDES) and
                popular.endswith("o") and systems == popular[:-1] + "u"):
            sys.exit(f"rule {frm}: popular {popular} is not {systems} "
                     "with its last u read as o")
    for ch in LETTERS:
        if ch not in plain:
            sys.exit(f"letter {ch}: no rule of its own")
    return plain, when


def c_rule(rule):
    if rule is None:
        return "{ \"\", 0, 0, NK_KO_FOLD_NONE }"
    frm, to, why = rule[0], rule[1], rule[2]
    return f'{{ "{to}", {len(to)}, {len(frm)}, NK_KO_FOLD_{why} }}'


def main():
    plain, when = check(RULES)
    # Nodes are the prefixes of the rules' letters, the root "" first.
    nodes = [""]
    for frm in sorted(plain, key=lambda f: (len(f), f)):
        for k in range(1, len(frm) + 1):
            if frm[:k] not in nodes:
                nodes.append(frm[:k])
    if len(nodes) > 0xFF:
        sys.exit("too many trie nodes for uint8_t")
    index = {prefix: k for k, prefix in enumerate(nodes)}
    out = [
        "/* Generated by gen_ko_fold.py. */",
        '#include "ko.h"',
        "",
        f"_Static_assert(NK_KO_FOLD_CLASSES == {len(LETTERS) + 1}, "
        '"gen_ko_fold.py: letter classes");',
        f"_Static_assert(NK_KO_FOLD_FROM_MAX == {FROM_MAX}, "
        '"gen_ko_fold.py: FROM_MAX");',
        f"_Static_assert(NK_KO_FOLD_TO_MAX == {TO_MAX}, "
        '"gen_ko_fold.py: TO_MAX");',
        "",
        "const uint8_t nk_ko_fold_classes[NK_KO_FOLD_BYTES] = {",
    ]
    for k, ch in enumerate(LETTERS):
        out.append(f"\t['{ch}'] = {k + 1},")
    out += ["};", "", "const uint8_t nk_ko_fold_next[] = {"]
    for prefix in nodes:
        row = [0] + [index.get(prefix + ch, 0) for ch in LETTERS]
        out.append("\t" + ", ".join(map(str, row)) + ","
                   + f" /* {prefix or 'root'} */")
    out += ["};", "", "const nk_ko_fold_node nk_ko_fold_nodes[] = {"]
    for prefix in nodes:
        # Where the letters stop at a node no rule ends at (tc of tch),
        # the longest rule on the way there applies.
        at = prefix
        while at and at not in plain:
            at = at[:-1]
        cond = when.get(at)
        out.append(f"\t{{ /* {prefix or 'root'} */")
        out.append(f"\t\t{c_rule(plain.get(at))},")
        out.append(f"\t\t{c_rule(cond)},")
        out.append(f"\t\tNK_KO_WHEN_{cond[3] if cond else 'ALWAYS'},")
        out.append("\t},")
    out += ["};", ""]
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
