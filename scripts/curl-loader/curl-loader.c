// A stand-in for libcurl at link time, for Linux release builds.
//
// Foundation's URLSession (FoundationNetworking) links libcurl, and libcurl pulls in a dozen
// shared libraries (TLS, HTTP/2, IDN, Kerberos, LDAP...). Release binaries must run with the C
// library alone, and only `tokentax comment` talks HTTP. So release builds link this file as
// `libcurl.a` instead: each curl function FoundationNetworking calls is forwarded to the
// system's libcurl, opened with dlopen on first use. Every other command never loads it.
// See docs/install.md ("How the Linux binary is linked").

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void *library;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void open_library(void) {
  // The OpenSSL build first, then Debian's and Ubuntu's GnuTLS build that git uses; same ABI.
  static const char *const names[] = {"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so"};
  for (size_t i = 0; i < sizeof names / sizeof names[0] && library == NULL; i++) {
    library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
  }
}

// Resolves one libcurl function. Without libcurl the process cannot go on (URLSession has no
// way to report it), so it stops with one sentence and exit 2 instead of a crash.
static void *symbol(const char *name) {
  pthread_once(&once, open_library);
  void *address = library != NULL ? dlsym(library, name) : NULL;
  if (address == NULL) {
    fprintf(stderr,
            "error: this command needs libcurl (libcurl.so.4) to reach the code host's API, "
            "and %s; install it (Debian/Ubuntu: apt-get install libcurl4, Fedora/RHEL: dnf install libcurl) and run again\n",
            library == NULL ? "none was found" : "the one found lacks a function it needs");
    _exit(2);
  }
  return address;
}

#define FORWARD(result, name, parameters, arguments)       \
  result name parameters {                                 \
    static result(*real) parameters;                       \
    if (real == NULL) *(void **)&real = symbol(#name);     \
    return real arguments;                                 \
  }

#define FORWARD_VOID(name, parameters, arguments)          \
  void name parameters {                                   \
    static void(*real) parameters;                         \
    if (real == NULL) *(void **)&real = symbol(#name);     \
    real arguments;                                        \
  }

// curl's variadic setters and getters take exactly one argument after the option, a long, an
// off_t, a pointer or a function pointer: all one integer register wide on 64-bit Linux.
#define FORWARD_ONE_VARIADIC(name, option_type)            \
  int name(void *handle, option_type option, ...) {        \
    static int (*real)(void *, option_type, ...);          \
    if (real == NULL) *(void **)&real = symbol(#name);     \
    va_list list;                                          \
    va_start(list, option);                                \
    void *argument = va_arg(list, void *);                 \
    va_end(list);                                          \
    return real(handle, option, argument);                 \
  }

FORWARD(int, curl_global_init, (long flags), (flags))
FORWARD(void *, curl_easy_init, (void), ())
FORWARD_VOID(curl_easy_cleanup, (void *handle), (handle))
FORWARD_ONE_VARIADIC(curl_easy_setopt, int)
FORWARD_ONE_VARIADIC(curl_easy_getinfo, int)
FORWARD(int, curl_easy_pause, (void *handle, int mask), (handle, mask))
FORWARD(const char *, curl_easy_strerror, (int code), (code))
FORWARD_VOID(curl_free, (void *pointer), (pointer))
FORWARD(void *, curl_multi_init, (void), ())
FORWARD(int, curl_multi_add_handle, (void *multi, void *easy), (multi, easy))
FORWARD(int, curl_multi_remove_handle, (void *multi, void *easy), (multi, easy))
FORWARD(int, curl_multi_assign, (void *multi, int socket, void *pointer), (multi, socket, pointer))
FORWARD(int, curl_multi_cleanup, (void *multi), (multi))
FORWARD(void *, curl_multi_info_read, (void *multi, int *queued), (multi, queued))
FORWARD_ONE_VARIADIC(curl_multi_setopt, int)
FORWARD(int, curl_multi_socket_action, (void *multi, int socket, int mask, int *running), (multi, socket, mask, running))
FORWARD(void *, curl_slist_append, (void *list, const char *string), (list, string))
FORWARD_VOID(curl_slist_free_all, (void *list), (list))
FORWARD(void *, curl_url, (void), ())
FORWARD(int, curl_url_get, (void *url, int part, char **value, unsigned int flags), (url, part, value, flags))
FORWARD(int, curl_url_set, (void *url, int part, const char *value, unsigned int flags), (url, part, value, flags))
FORWARD(char *, curl_version, (void), ())
FORWARD(void *, curl_version_info, (int age), (age))
