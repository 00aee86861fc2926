// Small pieces of the APIs' JSON, shared by their objects and errors.
#pragma once

#include <boost/json/value.hpp>

#include <string_view>

namespace byline::api {

// `text`, or null when it is empty: the APIs show "" as null, as Ghost does.
inline boost::json::value text_or_null(std::string_view text) {
  if (text.empty()) return nullptr;
  return boost::json::string(text);
}

}  // namespace byline::api
