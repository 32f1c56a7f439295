#!/usr/bin/env python3
"""bench/gen_names.py - made-up personal names for the SQL benchmarks.

Writes N names, one a line, built from syllables and name parts (never
from the eval sets, so benchmarks cannot leak into the evaluation):
Russian-style names in Latin and Cyrillic, Korean-style names in Latin
and Hangul, in the proportions of a mixed news archive.  The same seed
gives the same names.

Usage: gen_names.py N [SEED] > names.txt
"""
import random
import sys

# Russian-style parts: a stem and an ending make a surname or a given name.
RU_STEMS = ["Pet", "Iv", "Smir", "Kuz", "Pop", "Sokol", "Lebed", "Kozl",
            "Nov", "Mor", "Vol", "Zai", "Pavl", "Sem", "Gol", "Vinogr",
            "Bogd", "Vorob", "Fyod", "Mikh", "Tar", "Bel", "Kom", "Orl"]
RU_SUR_ENDS = ["ov", "ova", "ev", "eva", "in", "ina", "sky", "skaya",
               "enko", "off", "ow", "ykh"]
RU_GIVEN = ["Al", "Ol", "Ser", "Tat", "Dmit", "Nat", "Yur", "Gal", "Vik",
            "Svet", "Ily", "Kse", "Vas", "Lyud", "Gen", "Zhan"]
RU_GIVEN_ENDS = ["ey", "ga", "gei", "iana", "ry", "alia", "iy", "ina",
                 "tor", "lana", "a", "nia", "ily", "mila", "nady", "na"]
RU_PATRONYMIC_ENDS = ["ovich", "evich", "ovna", "evna"]

LAT_TO_CYR = [("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"),
              ("ch", "ч"), ("sh", "ш"), ("yu", "ю"), ("ya", "я"),
              ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"), ("d", "д"),
              ("e", "е"), ("z", "з"), ("i", "и"), ("y", "ы"), ("k", "к"),
              ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"),
              ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"),
              ("w", "в")]

# Korean-style parts: a surname and two syllables.
KO_SURNAMES = ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon",
               "Jang", "Lim", "Han", "Oh", "Seo", "Shin", "Kwon", "Hwang"]
KO_SYLLABLES = ["min", "jun", "seo", "yeon", "ji", "hoon", "woo", "hyun",
                "su", "bin", "ha", "eun", "do", "young", "jae", "sung",
                "hee", "jin", "chul", "ho", "kyung", "mi", "tae", "won"]
HANGUL_SURNAMES = ["김", "이", "박", "최", "정", "강", "조", "윤"]
HANGUL_SYLLABLES = ["민", "준", "서", "연", "지", "훈", "우", "현", "수",
                    "빈", "하", "은", "도", "영", "재", "성"]


def cyrillic(latin):
    """A rough Cyrillic spelling of a made-up Latin part."""
    out, s = [], latin.lower()
    while s:
        for lat, cyr in LAT_TO_CYR:
            if s.startswith(lat):
                out.append(cyr)
                s = s[len(lat):]
                break
        else:
            s = s[1:]
    word = "".join(out)
    return word[:1].upper() + word[1:]


def russian(rnd):
    given = rnd.choice(RU_GIVEN) + rnd.choice(RU_GIVEN_ENDS)
    sur = rnd.choice(RU_STEMS) + rnd.choice(RU_SUR_ENDS)
    parts = [given, sur]
    if rnd.random() < 0.2:
        parts.insert(1, rnd.choice(RU_GIVEN) + rnd.choice(RU_PATRONYMIC_ENDS))
    if rnd.random() < 0.25:
        parts = [cyrillic(p) for p in parts]
    if rnd.random() < 0.3:
        return parts[-1] + ", " + " ".join(parts[:-1])
    return " ".join(parts)


def korean(rnd):
    if rnd.random() < 0.2:
        return (rnd.choice(HANGUL_SURNAMES) + rnd.choice(HANGUL_SYLLABLES)
                + rnd.choice(HANGUL_SYLLABLES))
    given = rnd.choice(KO_SYLLABLES) + rnd.choice("- ") + rnd.choice(KO_SYLLABLES)
    given = given[:1].upper() + given[1:]
    sur = rnd.choice(KO_SURNAMES)
    return f"{given} {sur}" if rnd.random() < 0.3 else f"{sur} {given}"


def main():
    n = int(sys.argv[1])
    rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    out = sys.stdout
    for _ in range(n):
        out.write((russian(rnd) if rnd.random() < 0.6 else korean(rnd)) + "\n")


if __name__ == "__main__":
    main()
