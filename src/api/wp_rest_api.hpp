// The WordPress REST API, read-only and open to anyone, as WordPress
// answers an anonymous client: the index at /wp-json/ (and at
// /?rest_route=/), and wp/v2 posts, pages, categories (Byline's sections),
// tags and users (staff with published posts, never an email), with
// WordPress's paging headers, _embed, _fields and error envelope. Answers
// go through the page cache like pages, with the same exact invalidation.
#pragma once

#include <memory>

namespace byline::http {
class Router;
}
namespace byline::store {
class Store;
}
namespace byline::site {
class SettingsSource;
}

namespace byline::api {

class WpRestApi {
 public:
  WpRestApi(std::shared_ptr<store::Store> store,
            std::shared_ptr<const site::SettingsSource> settings);
  ~WpRestApi();

  void add_routes(http::Router& router) const;

 private:
  struct Handlers;
  std::shared_ptr<const Handlers> handlers_;
};

}  // namespace byline::api
