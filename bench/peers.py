#!/usr/bin/env python3
"""Times every installed tiktoken-compatible tokenizer on one file, for tokentax-bench.

  peers.py FILE --encoding E [--repeat N] [--peer NAME] [--unlimited]

One line per peer: `NAME MB/s TOKENS SECONDS`, or `NAME refused REASON` when it cannot encode
the file: the median of N passes on one core, except for a peer that keeps a cache of
pieces across calls (fastokens: across instances too, and its second pass over the same text
is several times faster), whose figure is its first pass, on text it has never seen, with
`cached=MB/s` (the median of the later passes) after it. tokentax's own cache lives for one
call, so that first pass is the comparable figure.
Peers that are not installed are skipped. `--unlimited` calls bpe-openai's Rust backend
directly, past its wrapper's one-million-character guard, for the pathological section's
megabyte pieces. The bench compares tokentax with these in the same run; none is a product
dependency.
"""
import argparse, importlib, os, statistics, sys, time

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))

def tiktoken_encoder(name):
    import importlib.machinery, importlib.util
    path = os.path.join(os.path.dirname(os.path.realpath(__file__)), 'tiktoken-oracle')
    spec = importlib.util.spec_from_loader('tiktoken_oracle', importlib.machinery.SourceFileLoader('tiktoken_oracle', path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.encoding(name).encode_ordinary

def bpe_openai_encoder(name, unlimited=False):
    import bpe_openai
    encoding = bpe_openai.get_encoding(name)
    backend = getattr(encoding, '_backend', None)
    return backend.encode if unlimited and backend is not None else encoding.encode

def vocabulary(name):
    return os.path.join(os.path.dirname(os.path.realpath(__file__)), '..', 'Sources', 'VocabData', name + '.tiktoken')

def fastokens_encoder(name, unlimited=False):
    import fastokens
    return fastokens.Tokenizer.from_tiktoken(vocabulary(name), encoding=name).encode_ordinary

def kitoken_encoder(name, unlimited=False):
    import kitoken
    return kitoken.Kitoken.from_tiktoken_file(vocabulary(name)).encode

def rs_bpe_encoder(name, unlimited=False):
    from rs_bpe import openai
    return getattr(openai, name)().encode

# Peers whose later passes over the same text reuse what the first one cached.
CROSS_CALL_CACHE = {'fastokens'}

PEERS = [
    ('tiktoken', 'tiktoken', lambda name, unlimited: tiktoken_encoder(name)),
    ('bpe-openai', 'bpe_openai', bpe_openai_encoder),
    ('fastokens', 'fastokens', fastokens_encoder),
    ('kitoken', 'kitoken', kitoken_encoder),
    ('rs-bpe', 'rs_bpe', rs_bpe_encoder),
]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('file')
    ap.add_argument('--encoding', default='o200k_base')
    ap.add_argument('--repeat', type=int, default=3)
    ap.add_argument('--peer', action='append', help='only these peers (repeatable)')
    ap.add_argument('--unlimited', action='store_true')
    a = ap.parse_args()
    # One core, like tokentax's single-thread figures: a peer that spreads a call over threads
    # (fastokens does on its cached passes) is compared on the same footing.
    if hasattr(os, 'sched_setaffinity'):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    text = open(a.file, 'rb').read().decode('utf-8')
    # CPython keeps a str's UTF-8 form once a C extension asks for it, so the first peer would
    # pay the conversion of the whole text and the others not: make it once, before any timing.
    import ctypes
    as_utf8 = ctypes.pythonapi.PyUnicode_AsUTF8AndSize
    as_utf8.argtypes, as_utf8.restype = [ctypes.py_object, ctypes.c_void_p], ctypes.c_void_p
    as_utf8(text, None)
    size = len(text.encode('utf-8'))
    for label, module, make in PEERS:
        if importlib.util.find_spec(module) is None or (a.peer and label not in a.peer):
            continue
        try:
            encode = make(a.encoding, a.unlimited)
            encode('A short sentence, so lazy set-up is not timed.')
            times = []
            for _ in range(max(1, a.repeat)):
                start = time.perf_counter(); tokens = len(encode(text)); times.append(time.perf_counter() - start)
            if label in CROSS_CALL_CACHE:
                seconds = times[0]
                cached = f' cached={size / statistics.median(times[1:]) / 1e6:.2f}' if len(times) > 1 else ''
            else:
                seconds, cached = statistics.median(times), ''
            print(f'{label} {size / seconds / 1e6:.2f} {tokens} {seconds:.6f}{cached}', flush=True)
        except Exception as error:  # a peer's limit is a result, not a failure of the bench
            print(f'{label} refused {type(error).__name__}: {error}'.splitlines()[0], flush=True)

if __name__ == '__main__':
    import importlib.util
    main()
