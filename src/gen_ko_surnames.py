#!/usr/bin/env python3
"""Turn db/ko_surnames.tsv into the C surname tables of the Korean rules.

For every surname the generator writes its Revised Romanization (the
spelling the key is made from) and every Latin spelling the romanization
systems in use make of it: Revised Romanization, McCune-Reischauer with
and without breves and apostrophes, the DPRK official system and ISO/TR
11941, plus the customary spellings listed in the table.  A
spelling several surnames share lists them all, the most common (earliest
row) first, up to NK_KO_SPELLING_IDS_MAX.  The spellings are also laid
out in an open-addressing hash table keyed by FNV-1a over their letters
(nk_ko_fnv_step() in ko_tables.h hashes the same way), so a lookup
costs one hash and about one comparison.

usage: gen_ko_surnames.py ko_surnames.tsv ko_surnames.c
"""
import itertools
import sys
import unicodedata

SPELLING_IDS_MAX = 3  # NK_KO_SPELLING_IDS_MAX in ko_tables.h
# FNV-1a, 32 bits: NK_KO_FNV_BASIS and NK_KO_FNV_PRIME in ko_tables.h.
FNV_BASIS = 0x811C9DC5
FNV_PRIME = 0x01000193
# Slots per spelling at least: a miss, the common case (every Latin
# name is tried as Korean), then ends after about one probe.
SLOTS_PER_SPELLING = 3

HANGUL_BASE = 0xAC00
HANGUL_LAST = 0xD7A3
N_VOWELS = 21
N_FINALS = 28

# Initial consonants in jamo order: Revised Romanization first, then the
# spellings of the other systems (voiced and voiceless forms, aspirates
# with h or an apostrophe, ISO c for the affricate).
INITIALS = [
    ["g", "k"], ["kk", "gg", "k"], ["n"], ["d", "t"], ["tt", "dd", "t"],
    ["r", "l", "n"], ["m"], ["b", "p"], ["pp", "bb", "p"], ["s", "sh"],
    ["ss", "s"], [""], ["j", "ch", "c"], ["jj", "tch", "cc", "ch"],
    ["ch", "c", "chh"], ["k", "kh"], ["t", "th"], ["p", "ph"], ["h"],
]
# ㅓ written u (Sung, Jung) is a custom of some surnames only: the table
# lists it where it is used rather than making it for every ㅓ.
VOWELS = [
    ["a"], ["ae", "e"], ["ya"], ["yae", "ye"], ["eo", "o"],
    ["e"], ["yeo", "yo"], ["ye"], ["o"],
    ["wa"], ["wae", "we"], ["oe", "we"], ["yo"],
    ["u", "oo", "wu"], ["wo", "weo"], ["we"], ["wi"],
    ["yu", "yoo"], ["eu", "u"], ["ui", "eui", "yi"], ["i"],
]
# What the romanization systems themselves write (RR, McCune-Reischauer
# and BGN with the marks and apostrophes dropped, DPRK official, ISO/TR
# 11941, Indonesian-style): a spelling none of them makes of any surname
# is popular use (Lee, Park, Shin, Oh, Yoon), which is a cue to how the
# rest of the name is spelled.
SYSTEM_INITIALS = [
    ["g", "k"], ["kk", "gg"], ["n"], ["d", "t"], ["tt"], ["r", "l", "n", ""],
    ["m"], ["b", "p"], ["pp"], ["s"], ["ss"], [""], ["j", "ch", "c"],
    ["jj", "tch", "cc"], ["ch", "c"], ["k", "kh"], ["t", "th"], ["p", "ph"],
    ["h"],
]
SYSTEM_VOWELS = [
    ["a"], ["ae", "e"], ["ya"], ["yae", "ye"], ["eo", "o"],
    ["e"], ["yeo", "yo"], ["ye"], ["o"],
    ["wa"], ["wae", "we"], ["oe", "we"], ["yo"],
    ["u", "wu"], ["wo", "weo"], ["we"], ["wi"],
    ["yu"], ["eu", "u"], ["ui", "eui"], ["i"],
]
# McCune-Reischauer without its breves writes ㅓ as o, ㅕ as yo and ㅡ as
# u.  A surname reached only that way (선 as Son, 서 as So) is not what a
# name that marks or spells out those vowels elsewhere means.
LOSSY_VOWELS = {4: "o", 6: "yo", 18: "u"}
# The marked vowels, as the Korean rules see them: a capital.
MARKED_VOWELS = {1: ["E"], 3: ["yE"], 4: ["O"], 5: ["E"], 6: ["yO"],
                 7: ["yE"], 14: ["wO"], 18: ["U"], 19: ["Ui"]}
FINALS = [
    [""], ["k", "g"], ["k", "kk"], ["k"], ["n"], ["n"], ["n"],
    ["t", "d"], ["l", "r"], ["k", "l"], ["m", "l"], ["l", "p"], ["l"],
    ["l"], ["p", "l"], ["l"], ["m"], ["p", "b"], ["p"], ["t", "s"],
    ["t", "ss"], ["ng"], ["t", "j"], ["t", "ch"], ["k"], ["t"], ["p"],
    ["t", "h"],
]


def jamo(syl):
    """(initial, vowel, final) indices of a Hangul syllable."""
    code = ord(syl) - HANGUL_BASE
    if code < 0 or ord(syl) > HANGUL_LAST:
        sys.exit(f"not a Hangul syllable: {syl!r}")
    return (code // (N_VOWELS * N_FINALS), code // N_FINALS % N_VOWELS,
            code % N_FINALS)


def syllable_spellings(syl, initials=INITIALS, vowels=VOWELS):
    ini, vow, fin = jamo(syl)
    for parts in itertools.product(initials[ini], vowels[vow], FINALS[fin]):
        yield "".join(parts)


def system_spellings(forms, vowels=SYSTEM_VOWELS):
    """Spellings the romanization systems make of a surname's forms."""
    seen = set()
    for form in forms:
        sylls = [list(syllable_spellings(c, SYSTEM_INITIALS, vowels))
                 for c in form]
        seen.update(map("".join, itertools.product(*sylls)))
    return seen


def without_lossy(vowels):
    return [[v for v in opts if LOSSY_VOWELS.get(i) != v]
            for i, opts in enumerate(vowels)]


def lossy_spellings(forms):
    """Spellings only MR's unmarked o, yo and u make of a surname."""
    return (system_spellings(forms) -
            system_spellings(forms, without_lossy(SYSTEM_VOWELS)))


def marked_spellings(forms):
    """MR with breves and Indonesian-style: the marked vowel a capital."""
    vowels = [MARKED_VOWELS.get(i, opts) for i, opts in
              enumerate(without_lossy(SYSTEM_VOWELS))]
    return {s for s in system_spellings(forms, vowels)
            if any(c.isupper() for c in s)}


def revised(word):
    return "".join(INITIALS[i][0] + VOWELS[v][0] + FINALS[f][0]
                   for i, v, f in map(jamo, word))


def plain(spelling):
    """A spelling as the lookup sees it: lowercase ASCII letters only."""
    decomposed = unicodedata.normalize("NFD", spelling.lower())
    return "".join(c for c in decomposed if "a" <= c <= "z")


def spellings(forms):
    seen = set()
    for form in forms:
        for parts in itertools.product(*map(syllable_spellings, form)):
            seen.add(plain("".join(parts)))
    return seen


def read_table(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            hangul, other, customary = line.split("\t")
            others = [] if other == "-" else other.split(",")
            extra = [] if customary == "-" else customary.split(",")
            rows.append((hangul, others, extra))
    return rows


def fnv1a(word):
    h = FNV_BASIS
    for b in word.encode():
        h = ((h ^ b) * FNV_PRIME) & 0xFFFFFFFF
    return h


def hash_slots(words):
    """Slots of an open-addressing table (linear probing): row + 1, or 0."""
    if len(words) >= 0xFFFF:
        sys.exit("too many spellings for uint16_t slots")
    size = 1
    while size < SLOTS_PER_SPELLING * len(words):
        size *= 2
    slots = [0] * size
    for row, word in enumerate(words):
        at = fnv1a(word) & (size - 1)
        while slots[at]:
            at = (at + 1) & (size - 1)
        slots[at] = row + 1
    return slots


def c_hangul(word):
    return "{ " + ", ".join(f"0x{ord(c):04X}u" for c in word) + " }"


def main():
    rows = read_table(sys.argv[1])
    owner = {}
    hangul = {}
    systematic = set()
    lossy = set()
    for ident, (word, others, extra) in enumerate(rows):
        forms = [word] + others
        systematic |= system_spellings(forms) | marked_spellings(forms)
        lossy |= {(s, ident) for s in lossy_spellings(forms)}
        for form in forms:
            hangul.setdefault(form, ident)
        for s in (spellings(forms) | set(map(plain, extra)) |
                  marked_spellings(forms)):
            ids = owner.setdefault(s, [])
            if ident not in ids and len(ids) < SPELLING_IDS_MAX:
                ids.append(ident)
    out = [
        "/* Generated by gen_ko_surnames.py from db/ko_surnames.tsv. */",
        '#include "ko_tables.h"',
        "",
        "const nk_ko_surname nk_ko_surnames[] = {",
    ]
    for word, _, _ in rows:
        rr = revised(word)
        out.append(f'\t{{ "{rr}", {len(rr)}, "{word}", {len(word)} }},')
    out += ["};", "const size_t nk_ko_surnames_len = "
            "sizeof nk_ko_surnames / sizeof nk_ko_surnames[0];", "",
            "const nk_ko_spelling nk_ko_spellings[] = {"]
    words = sorted(owner, key=lambda w: w.encode())
    for s in words:
        ids = ", ".join(map(str, owner[s]))
        popular = "false" if s in systematic else "true"
        mask = sum(1 << k for k, i in enumerate(owner[s]) if (s, i) in lossy)
        out.append(f'\t{{ "{s}", {len(s)}, {{ {ids} }}, {len(owner[s])}, '
                   f'{popular}, 0x{mask:x}u }},')
    slots = hash_slots(words)
    out += ["};", "const size_t nk_ko_spellings_len = "
            "sizeof nk_ko_spellings / sizeof nk_ko_spellings[0];", "",
            f"const size_t nk_ko_spelling_letters_max = "
            f"{max(map(len, words))};",
            f"const uint32_t nk_ko_spelling_slot_mask = 0x{len(slots) - 1:x}u;",
            "const uint16_t nk_ko_spelling_slots[] = {"]
    for at in range(0, len(slots), 12):
        out.append("\t" + " ".join(f"{v}," for v in slots[at:at + 12]))
    out += ["};", "",
            "const nk_ko_hangul_surname nk_ko_hangul_surnames[] = {"]
    for form in sorted(hangul, key=lambda w: [ord(c) for c in w] + [0]):
        padded = form + "\0" * (2 - len(form))
        out.append(f"\t{{ {c_hangul(padded)}, {hangul[form]} }}, /* {form} */")
    out += ["};", "const size_t nk_ko_hangul_surnames_len = "
            "sizeof nk_ko_hangul_surnames / "
            "sizeof nk_ko_hangul_surnames[0];", ""]
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
