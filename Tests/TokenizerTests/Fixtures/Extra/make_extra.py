#!/usr/bin/env python3
"""Writes edge-case texts beyond the shared corpus, next to this script (deterministic).

Expected ids: ../../../../bench/tiktoken-oracle expected --encoding E . > expected-E.jsonl
(and `encode --allow-special` for special-tokens.txt; see README.md).
"""
import os, random, unicodedata
HERE = os.path.dirname(os.path.abspath(__file__))
R = random.Random(20261124)
files = {}

# Case-insensitive contractions fold like Rust's regex: 'ſ (U+017F) is 's.
files['contractions-folding.txt'] = "x'ſx 'ſ don'ſ DON'S it'S we'LL they'Ve i'M she'D 'tis 'Twas o'clock x'K x'\u212a rock'n'roll\n"
# Marks and case classes: a lone mark before capitals, titlecase, modifier letters, Lo runs.
files['letter-classes.txt'] = ("\u0301ABC a\u0301ABC !\u0301 x\u0301\u0301Y \u01c5emal \u01c4UNGLA \u01c6ungla \u02b0\u02b2x A\u02b0b "
                               "中文abc abc中文 ABC中文 ŉ ǈǉǇ ᾈᾀ \u0345x \u20dd\u20dd ॐ५ x\u0903y\n")
# Whitespace that is \s but not ASCII, next to words, digits and newlines.
files['unicode-whitespace.txt'] = ("\u00a0\u00a0x \u3000\u3000y\n\u2028z \u2029\u2029w x\u0085y \u1680a\u180eb \u205f\u202fc "
                                   "\u2000\u200a1 \t\t\n\u000b\u000cx\r\r\r\ny  \u00a0\n\u00a0")
files['numbers-unicode.txt'] = "١٢٣٤٥٦٧ ½¾²³⁴ Ⅻⅻ 𝟙𝟚𝟛𝟜 ०१२३४ 〇一二 ①②③④ 12345678901234 x1y22z333w4444\n"
files['slashes-newlines.txt'] = "a/\n/b !/\n/\n ///\r\n/x ?/\r\n\r\n// comment\n/* c */\n"
# Scalars newer than Unicode 16 (unassigned in tiktoken's regex tables) and private use.
files['newer-unicode.txt'] = "x\u1acfy A\u1ad0B \U00010940\U00010941 \U00011db0z \ua7ce\ua7cf a\U000f0000b \U0010fffd\n"
files['special-tokens.txt'] = ("<|endoftext|>  <|endoftext|>\n<|endofprompt|>x<|fim_prefix|><|fim_middle|><|fim_suffix|> "
                               "<|endoftext <|endoftext|>|> <<|endoftext|>> \n  <|endofprompt|>")
# Long pieces for the large-piece merger: one word of 20,000 letters, 30,000 digits-free symbols.
files['long-pieces.txt'] = (''.join(R.choice('etaoinshrdlu') for _ in range(20000)) + ' '
                            + ''.join(R.choice('=-+*#') for _ in range(3000)) + ' ' + 'ab' * 2500 + '\n')

# One line per sampled code point, in contexts that expose its class (a full sweep of every
# code point agreed with tiktoken when this was written; this sample guards regressions). Python
# knows Unicode 14, so scalars assigned since (where toolchains and tiktoken's Unicode 16 may
# disagree) are sampled among its unassigned ones.
lines = []
for cp in range(0x80, 0x110000):
    if 0xD800 <= cp <= 0xDFFF or 0xE000 <= cp <= 0xF8FF or cp >= 0xF0000:
        continue
    c = chr(cp)
    if cp % 1009 == 0 or (unicodedata.category(c) == 'Cn' and cp % 53 == 0 and cp < 0x32000):
        lines.append(f"a{c}A {c}1 x{c}'s !{c} {c}")
files['unicode-probe.txt'] = '\n'.join(lines) + '\n'

for name, text in files.items():
    with open(os.path.join(HERE, name), 'w', encoding='utf-8', newline='') as f:
        f.write(text)
print(f'{len(files)} files, {len(lines)} probe lines')
