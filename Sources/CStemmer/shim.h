// Snowball's C stemmers (Debian: libstemmer-dev), wrapped by SafeZonesStemming.
#include <libstemmer.h>
