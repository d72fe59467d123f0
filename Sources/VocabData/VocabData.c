// The vocabularies travel inside the binary (a copied `tokentax` still works), so they are
// embedded at compile time instead of shipped as a SwiftPM resource bundle. What is embedded is
// not the `.tiktoken` text but the tables generated from it (`*.tables`, see
// `VocabularyTables.swift`), laid out for direct use, so start-up parses and builds nothing.
#include "VocabData.h"

#pragma clang diagnostic ignored "-Wc23-extensions"

// 16-byte aligned: the tables start with 64-bit words that are read in place.
_Alignas(16) static const unsigned char o200k_base[] = {
#embed "o200k_base.tables"
};

_Alignas(16) static const unsigned char cl100k_base[] = {
#embed "cl100k_base.tables"
};

const unsigned char *tokentax_vocab_o200k_base(size_t *length) {
  *length = sizeof o200k_base;
  return o200k_base;
}

const unsigned char *tokentax_vocab_cl100k_base(size_t *length) {
  *length = sizeof cl100k_base;
  return cl100k_base;
}
