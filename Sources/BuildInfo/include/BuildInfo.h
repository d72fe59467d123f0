#ifndef TOKENTAX_BUILD_INFO_H
#define TOKENTAX_BUILD_INFO_H

/// The git commit the binary was built from, as `scripts/release.sh` passes it with
/// `-Xcc -DTOKENTAX_COMMIT="..."`; the empty string in a plain `swift build`.
const char *_Nonnull tokentax_build_commit(void);

#endif
