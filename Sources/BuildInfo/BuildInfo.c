#include "BuildInfo.h"

// A C target because a build flag can hand C a string, and Swift's -D only takes conditions.
#ifndef TOKENTAX_COMMIT
#define TOKENTAX_COMMIT ""
#endif

const char *tokentax_build_commit(void) { return TOKENTAX_COMMIT; }
