#ifndef TOKENTAX_VOCAB_DATA_H
#define TOKENTAX_VOCAB_DATA_H
#include <stddef.h>

/// The o200k_base tables, generated from OpenAI's o200k_base.tiktoken, embedded in the binary.
const unsigned char *tokentax_vocab_o200k_base(size_t *length);
/// The cl100k_base tables, generated from OpenAI's cl100k_base.tiktoken, embedded in the binary.
const unsigned char *tokentax_vocab_cl100k_base(size_t *length);

#endif
