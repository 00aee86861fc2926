// The view model handed to templates: a tree of strings, booleans, lists and
// objects (Mustache's data). Values are escaped when rendered with {{ }};
// only sanitised HTML may be rendered with {{{ }}}.
#pragma once

#include <kainjow/mustache.hpp>

namespace byline::render {

using View = kainjow::mustache::data;
using ViewList = kainjow::mustache::data;  // built with View(View::type::list)

inline View make_list() { return View(View::type::list); }

}  // namespace byline::render
