#!/usr/bin/env python3
"""Times every installed tiktoken-compatible tokenizer on one file, for tokentax-bench.

  peers.py FILE --encoding E [--repeat N] [--peer NAME] [--unlimited]

One line per peer: `NAME MB/s TOKENS SECONDS` (median of N single-thread encodes), or
`NAME refused REASON` when it cannot encode the file. Peers that are not installed are
skipped. `--unlimited` calls bpe-openai's Rust backend directly, past its wrapper's
one-million-character guard, for the pathological section's megabyte pieces. The bench
compares tokentax with these in the same run; none is a product dependency.
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

PEERS = [
    ('tiktoken', 'tiktoken', lambda name, unlimited: tiktoken_encoder(name)),
    ('bpe-openai', 'bpe_openai', bpe_openai_encoder),
]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('file')
    ap.add_argument('--encoding', default='o200k_base')
    ap.add_argument('--repeat', type=int, default=3)
    ap.add_argument('--peer', action='append', help='only these peers (repeatable)')
    ap.add_argument('--unlimited', action='store_true')
    a = ap.parse_args()
    text = open(a.file, 'rb').read().decode('utf-8')
    size = len(text.encode('utf-8'))
    for label, module, make in PEERS:
        if importlib.util.find_spec(module) is None or (a.peer and label not in a.peer):
            continue
        try:
            encode = make(a.encoding, a.unlimited)
            times = []
            for _ in range(a.repeat):
                start = time.perf_counter(); tokens = len(encode(text)); times.append(time.perf_counter() - start)
            median = statistics.median(times)
            print(f'{label} {size / median / 1e6:.2f} {tokens} {median:.6f}', flush=True)
        except Exception as error:  # a peer's limit is a result, not a failure of the bench
            print(f'{label} refused {type(error).__name__}: {error}'.splitlines()[0], flush=True)

if __name__ == '__main__':
    import importlib.util
    main()
