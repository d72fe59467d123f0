#ifndef TOKENTAX_VOCAB_DATA_H
#define TOKENTAX_VOCAB_DATA_H
#include <stddef.h>

/// The official o200k_base.tiktoken file, byte for byte, embedded in the binary.
const unsigned char *tokentax_vocab_o200k_base(size_t *length);
/// The official cl100k_base.tiktoken file, byte for byte, embedded in the binary.
const unsigned char *tokentax_vocab_cl100k_base(size_t *length);

#endif
