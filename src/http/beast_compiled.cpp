// Asio and Beast, compiled once for the whole program (see the
// BOOST_*_SEPARATE_COMPILATION definitions in CMakeLists.txt).
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
