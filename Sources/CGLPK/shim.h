// GLPK's C interface (Debian: libglpk-dev, no pkg-config file), wrapped by SafeZonesLP.
#include <glpk.h>
