// Image uploads (from the editor, as the raw file) and the media library.
#include "newsroom/newsroom.hpp"

#include "accounts/secrets.hpp"
#include "accounts/sessions.hpp"
#include "common/json.hpp"
#include "common/log.hpp"
#include "http/errors.hpp"
#include "http/form.hpp"
#include "media/media_library.hpp"
#include "newsroom/request_checks.hpp"
#include "render/view.hpp"
#include "store/store.hpp"

namespace byline::newsroom {

using http::Params;
using http::Request;
using http::Response;
using render::View;

namespace {

// Header values are percent-encoded by the editor (they may hold any script).
std::string header_text(const Request& request, std::string_view name) {
  return http::Form::parse(std::string("v=") + std::string(request.header(name))).get("v");
}

}  // namespace

Response Newsroom::upload_media(const Request& request, const Params&, const Caller& caller) const {
  const SignedIn& me = caller.me();
  media::Upload upload;
  upload.bytes = request.body;
  upload.original_name = header_text(request, "x-filename");
  upload.alt = header_text(request, "x-alt");
  upload.uploaded_by = me.user.id;
  auto added = media_->add(upload, now_utc());
  if (!added) {
    if (!added.error().detail.empty())
      log_line("media: refused an upload: " + added.error().detail);
    return json_error(added.error());
  }
  log_line("newsroom: " + me.user.email + " uploaded media " + std::to_string(added->id) + " (" +
           std::to_string(added->width) + "x" + std::to_string(added->height) + ")");
  return json_response(201, "{\"id\":" + std::to_string(added->id) +
                                ",\"src\":" + json_quote(media::media_src(*added)) +
                                ",\"srcset\":" + json_quote(media::media_srcset(*added)) +
                                ",\"width\":" + std::to_string(added->width) +
                                ",\"height\":" + std::to_string(added->height) +
                                ",\"alt\":" + json_quote(added->alt) + "}\n");
}

Response Newsroom::media_page(const Request& request, const Params&, const Caller& caller) const {
  const SignedIn& me = caller.me();
  auto items = store_->media(60, 0);
  if (!items) return failure(items.error(), &me);
  if (http::Form::parse(request.query).get("format") == "json") {
    // The editor's "From library" picker.
    std::string body = "[";
    for (const auto& item : *items) {
      if (body.size() > 1) body += ",";
      body += "{\"id\":" + std::to_string(item.id) +
              ",\"src\":" + json_quote(media::media_src(item)) +
              ",\"srcset\":" + json_quote(media::media_srcset(item)) + ",\"thumbnail\":" +
              json_quote(item.variants.empty() ? "" : "/media/" + item.variants.front().path) +
              ",\"alt\":" + json_quote(item.alt) + ",\"width\":" + std::to_string(item.width) +
              ",\"height\":" + std::to_string(item.height) + "}";
    }
    return json_response(200, body + "]\n");
  }
  View view;
  view.set("on_media", true);
  View list = render::make_list();
  for (const auto& item : *items) {
    View entry;
    entry.set("id", std::to_string(item.id));
    entry.set("src", media::media_src(item));
    entry.set("thumbnail", item.variants.empty() ? "" : "/media/" + item.variants.front().path);
    entry.set("srcset", media::media_srcset(item));
    entry.set("alt", item.alt.empty() ? item.original_name : item.alt);
    entry.set("size", std::to_string(item.width) + " × " + std::to_string(item.height));
    list.push_back(entry);
  }
  view.set("items", list);
  view.set("has_items", !items->empty());
  return page(200, "media", "Media", view, &me);
}

}  // namespace byline::newsroom
