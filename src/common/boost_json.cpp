// Boost.JSON's implementation, compiled once for the whole program (its
// headers alone declare it; see boost/json/src.hpp).
#include <boost/json/src.hpp>
