// The vocabularies travel inside the binary (SPEC §1: a copied `tokentax` still works), so
// they are embedded at compile time instead of shipped as a SwiftPM resource bundle.
#include "VocabData.h"

#pragma clang diagnostic ignored "-Wc23-extensions"

static const unsigned char o200k_base[] = {
#embed "o200k_base.tiktoken"
};

static const unsigned char cl100k_base[] = {
#embed "cl100k_base.tiktoken"
};

const unsigned char *tokentax_vocab_o200k_base(size_t *length) {
  *length = sizeof o200k_base;
  return o200k_base;
}

const unsigned char *tokentax_vocab_cl100k_base(size_t *length) {
  *length = sizeof cl100k_base;
  return cl100k_base;
}
