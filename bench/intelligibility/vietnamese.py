"""Vietnamese text as the scorer sees it: normalization, tone marks, syllable structure.

Why: a recognizer's transcript and the spoken reference must be compared on the same
footing (case, punctuation, Unicode form), and the error has to be split into what a
listener confuses: tones apart from segments, and within segments the vowel nucleus,
the initial and the final. Vietnamese orthography is close to phonemic, so the written
syllable is parsed directly; no pronunciation dictionary is needed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# The five tone marks, as Unicode combining characters (after NFD). Vowel-quality marks
# (circumflex U+0302 in â ê ô, breve U+0306 in ă, horn U+031B in ơ ư) and đ are letters,
# not tones, and are kept by strip_tones.
TONE_MARKS = {
    "\u0300": "huyền",  # grave
    "\u0301": "sắc",    # acute
    "\u0309": "hỏi",    # hook above
    "\u0303": "ngã",    # tilde
    "\u0323": "nặng",   # dot below
}
LEVEL_TONE = "ngang"

_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Lowercase, Unicode NFC, every character that is not a letter or digit becomes a
    space (punctuation, hyphens, symbols), spaces collapsed. Applied to both sides."""
    text = unicodedata.normalize("NFC", text).lower()
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        out.append(ch if cat[0] in "LN" or cat == "Mn" else " ")
    return _SPACES.sub(" ", "".join(out)).strip()


def strip_tones(text: str) -> str:
    """Remove the five tone marks, keep â ă ê ô ơ ư đ: 'người' -> 'ngươi', 'mẹ' -> 'me'."""
    nfd = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONE_MARKS))


def tone_of(syllable: str) -> str | None:
    """The tone name of one syllable ('ngang' when unmarked); None if it has two marks."""
    marks = [TONE_MARKS[c] for c in unicodedata.normalize("NFD", syllable) if c in TONE_MARKS]
    if len(marks) > 1:
        return None
    return marks[0] if marks else LEVEL_TONE


VOWELS = set("aăâeêioôơuưy")
LETTERS = VOWELS | set("bcdđghklmnpqrstvx")
# Initials, longest first. 'qu' is k + the medial glide u.
ONSETS = ["ngh", "ng", "gh", "gi", "kh", "ch", "nh", "ph", "th", "tr", "qu",
          "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x"]
CODA_CONSONANTS = ["ch", "nh", "ng", "c", "m", "n", "p", "t"]
# Two-letter nuclei (diphthongs and long vowels) and the phoneme each spelling stands for.
DIPHTHONGS = {"iê": "iê", "yê": "iê", "ia": "iê", "ya": "iê",
              "ươ": "ươ", "ưa": "ươ", "uô": "uô", "ua": "uô", "oo": "o", "ôô": "ô"}
# Spellings of one initial phoneme: c/k/q are /k/, gh is g, ngh is ng.
ONSET_CLASS = {"k": "c", "q": "c", "qu": "c", "gh": "g", "ngh": "ng"}


@dataclass(frozen=True)
class Syllable:
    """A parsed syllable, each part in a canonical spelling of its phoneme."""
    onset: str     # '' for none; c (c/k/q), g (g/gh), ng (ng/ngh), gi, d, r, tr, ch, ...
    medial: str    # '' or 'u' (the glide in oa, uê, uy, qu-)
    nucleus: str   # a ă â e ê i o ô ơ u ư, or iê uô ươ
    coda: str      # '' or c ch m n ng nh p t, or the off-glides i / u
    tone: str      # ngang huyền sắc hỏi ngã nặng


def parse(syllable: str) -> Syllable | None:
    """Parse one written syllable; None if it is not a Vietnamese syllable (a digit, a
    foreign word such as 'covid', two tone marks). Examples:
    'người' -> (ng, '', ươ, i, huyền); 'quốc' -> (c, u, ô, c, sắc); 'tay' -> (t, '', ă, i, ngang).
    """
    tone = tone_of(syllable)
    base = strip_tones(unicodedata.normalize("NFC", syllable).lower())
    if tone is None or not base or any(ch not in LETTERS for ch in base):
        return None
    onset = ""
    for candidate in ONSETS:
        if base.startswith(candidate):
            rest = base[len(candidate):]
            if candidate == "gi" and not any(ch in VOWELS for ch in rest):
                candidate, rest = "g", base[1:]        # gì, gìn: g + i
            if candidate == "qu" and not any(ch in VOWELS for ch in rest):
                return None
            onset = candidate
            break
    rest = base[len(onset):]
    if onset == "gi" and rest.startswith("ê"):
        rest = "i" + rest                              # giêng: gi + iê, the i written once
    coda = ""
    for candidate in CODA_CONSONANTS:
        if rest.endswith(candidate) and len(rest) > len(candidate):
            coda, rest = candidate, rest[: -len(candidate)]
            break
    if not rest or any(ch not in VOWELS for ch in rest):
        return None
    medial = ""
    if onset == "qu":
        medial = "u"
    elif len(rest) >= 2 and rest[0] == "o" and rest[1] in "aăe":
        medial, rest = "u", rest[1:]                   # oa, oă, oe: the same glide /w/
    elif len(rest) >= 2 and rest[0] == "u" and rest[1] in "âêyơ":
        medial, rest = "u", rest[1:]                   # uâ, uê, uy, uơ
    if not rest:
        return None
    if rest[:2] in DIPHTHONGS:
        spelled, nucleus = rest[:2], DIPHTHONGS[rest[:2]]
    else:
        spelled = rest[0]
        nucleus = "i" if spelled == "y" else spelled
    glide = rest[len(spelled):]
    if glide:
        if coda or glide not in ("i", "y", "o", "u"):
            return None
        coda = "i" if glide in "iy" else "u"
        if nucleus == "a" and glide in ("y", "u"):
            nucleus = "ă"                              # ay, au are short ă + glide
    return Syllable(ONSET_CLASS.get(onset, onset), medial, nucleus, coda, tone)
