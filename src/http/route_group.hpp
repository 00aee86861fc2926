// A group of routes under one prefix with one gate. Before any of its
// handlers runs, the gate finds who is asking and whether the route's
// declared access admits them; a handler only ever sees a caller its gate
// let in. Every route says who may call it: add() has no default. A cached
// answer of a gated route goes out only to callers the gate admits again
// (CachePolicy::admit_each_hit).
//
//   RouteGroup<Access, Caller> newsroom(router, {.prefixes = {"/newsroom/"}}, gate);
//   newsroom.add("GET", "audit/", staff_who_may(Action::view_audit_log), handler);
#pragma once

#include "http/router.hpp"

#include <memory>
#include <variant>

namespace byline::http {

template <typename Access, typename Caller>
class RouteGroup {
 public:
  // The caller for the handler, or the answer to give instead (sign in
  // first, 401, 403 ...).
  using Gate = std::function<std::variant<Caller, Response>(const Request&, const Access&)>;
  using GroupHandler = std::function<Response(const Request&, const Params&, const Caller&)>;

  RouteGroup(Router& router, GroupRules rules, Gate gate)
      : RouteGroup(router, std::move(rules), std::move(gate), true) {}

  // Adds a route `pattern` (after the group's prefix; see Router::add)
  // that callers admitted to `access` may call.
  void add(std::string method, std::string_view pattern, Access access, GroupHandler handler,
           RouteOptions options = {}) {
    Admission admission;
    if (gated_) {
      admission = [gate = gate_, access](const Request& request) -> std::optional<Response> {
        auto admitted = (*gate)(request, access);
        if (auto* refusal = std::get_if<Response>(&admitted)) return std::move(*refusal);
        return std::nullopt;
      };
    }
    router_.add(
        group_, std::move(method), pattern,
        [gate = gate_, gated = gated_, access = std::move(access), handler = std::move(handler)](
            const Request& request, const Params& params) {
          auto admitted = (*gate)(request, access);
          if (auto* refusal = std::get_if<Response>(&admitted)) return std::move(*refusal);
          Response response = handler(request, params, std::get<Caller>(admitted));
          if (gated && response.cache) response.cache->admit_each_hit = true;
          return response;
        },
        std::move(admission), std::move(options));
  }

 protected:
  // `gated`: false for a gate that admits everyone, whose cached answers
  // need no second look.
  RouteGroup(Router& router, GroupRules rules, Gate gate, bool gated)
      : router_(router),
        group_(router.add_group(std::move(rules))),
        gate_(std::make_shared<const Gate>(std::move(gate))),
        gated_(gated) {}

 private:
  Router& router_;
  std::size_t group_;
  std::shared_ptr<const Gate> gate_;
  bool gated_ = true;
};

// Routes anyone may call, such as the reader site's.
enum class Public { anyone };

class PublicRoutes : public RouteGroup<Public, std::monostate> {
 public:
  PublicRoutes(Router& router, GroupRules rules)
      : RouteGroup(
            router, std::move(rules),
            [](const Request&, const Public&) -> std::variant<std::monostate, Response> {
              return std::monostate{};
            },
            false) {}
};

}  // namespace byline::http
