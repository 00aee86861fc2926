// Handlers of the reader site. Each reads what it needs from the Store,
// builds a view model and renders the theme's template for it.
#include "site/site.hpp"

#include "common/log.hpp"
#include "content/language.hpp"
#include "content/sanitize.hpp"
#include "content/search_text.hpp"
#include "content/sections.hpp"
#include "content/slug.hpp"
#include "http/errors.hpp"
#include "http/form.hpp"
#include "http/percent_encoding.hpp"
#include "http/route_group.hpp"
#include "media/media_library.hpp"
#include "render/theme.hpp"
#include "render/theme_source.hpp"
#include "render/view.hpp"
#include "site/assets.hpp"
#include "site/cache_keys.hpp"
#include "site/editions.hpp"
#include "site/view_models.hpp"
#include "store/store.hpp"

#include <charconv>
#include <iterator>

namespace byline::site {

using http::Params;
using http::Request;
using http::Response;
using render::View;

namespace {

constexpr int kMaxPage = 100000;

// The query fields of WordPress's own addresses ("/?p=12", "/?cat=4",
// "/?feed=rss2"): the front page reads them to send old links on.
const std::vector<std::string> kOldAddressFields = {"attachment_id", "author", "cat", "feed", "p",
                                                    "page_id",       "s",      "tag"};

bool is_public(const content::Post& post, Time now) {
  return post.status == content::PostStatus::published && post.published_at &&
         *post.published_at <= now;
}

// Fragment keys: an article's page by its slug, and the Recent Posts.
const std::string kArticleFragment = "article:";
constexpr std::string_view kRecentFragment = "recent";

// The Recent Posts fragment of pages in `language` in `edition`.
std::string recent_fragment_key(std::string_view edition, std::string_view language) {
  return std::string(kRecentFragment) + ":" + std::string(edition) + ":" + std::string(language);
}

// Where the Recent Posts go in an article's rendered page. A comment: the
// sanitiser keeps none in bodies, and escaping turns "<" in any text into
// "&lt;", so no content can forge it.
constexpr std::string_view kRecentPostsMark = "<!--byline:recent-posts-->";

// The page number of "/page/N/", or 0 when N is not a page number. Page 1
// has no number in its address.
int page_number(const Params& params) {
  const std::string& text = params.get("page");
  if (text.empty()) return 1;
  int page = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), page);
  if (error != std::errc{} || end != text.data() + text.size() || page < 1 || page > kMaxPage ||
      text.front() == '0') {
    return 0;
  }
  return page;
}

}  // namespace

// What differs between the home, author, section and tag listings.
struct Listing {
  store::PostQuery query;
  std::string base_path;  // "/", "/author/emad/"
  std::string title;      // "" on the home page
  std::string description;
  std::string_view template_name;     // falls back to "index"
  View subject;                       // the author, section or tag, as the template calls it
  std::optional<content::Post> lead;  // shown before the list (the front page's pick)
  std::string shows;                  // the listing's cache key (cache_keys.hpp)
  // A section's own page: a card whose first section is this one carries
  // no `section` (its kicker would repeat the page's heading). 0: every
  // card has its section.
  content::Id section_id = 0;
  std::string edition = {};  // the language of the edition it is in; "": the site's own
};

namespace {

// The listing of a section or a tag.
template <typename Term>
Listing term_listing(const Term& term, std::string base_path, std::string_view template_name,
                     std::string shows) {
  View subject;
  subject.set("name", term.name);
  render::set_if_present(subject, "description", term.description);
  return Listing{{},      std::move(base_path), term.name,       term.description, template_name,
                 subject, std::nullopt,         std::move(shows)};
}

// The text the view has for `key`, or "".
std::string text_in(const View& view, const std::string& key) {
  const View* value = view.get(key);
  return value && value->is_string() ? value->string_value() : std::string();
}

// The error page of a theme without error templates: Byline's own, plain,
// in the page's language.
Response plain_error_page(int status, const std::string& heading, const View& view) {
  std::string html = "<!doctype html>\n<html lang=\"";
  content::append_escaped(html, text_in(view, "lang"));
  html += "\" dir=\"";
  content::append_escaped(html, text_in(view, "dir"));
  html +=
      "\">\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
      "content=\"width=device-width\">\n<title>";
  content::append_escaped(html, text_in(view, "page_title"));
  html += "</title>\n<main>\n<h1>";
  content::append_escaped(html, heading);
  html += "</h1>\n<p>";
  content::append_escaped(html, text_in(view, "message"));
  html += "</p>\n<p><a href=\"/\">";
  content::append_escaped(html, text_in(view, "site_title"));
  html += "</a></p>\n</main>\n";
  return Response::html(status, std::move(html));
}

}  // namespace

Site::Site(std::shared_ptr<store::Store> store, std::shared_ptr<const render::ThemeSource> themes,
           std::shared_ptr<const media::MediaLibrary> media,
           std::shared_ptr<const SettingsSource> settings, std::shared_ptr<FragmentCache> fragments)
    : store_(std::move(store)),
      themes_(std::move(themes)),
      media_(std::move(media)),
      settings_(std::move(settings)),
      fragments_(std::move(fragments)) {
  // A theme whose catalogues cannot be read shows its keys: say why.
  const auto theme = themes_->current();
  if (!theme->messages_problem().empty()) log_line("Theme: " + theme->messages_problem());
}

Result<PageContext> Site::context(std::string_view edition) const {
  // Before the theme is taken: a reload in between then keeps nothing.
  const std::uint64_t generation = fragments_ ? fragments_->generation() : 0;
  auto sections = store_->sections();
  BYLINE_TRY(sections);
  auto settings = settings_->current();
  render::DateFormatter dates(settings->locale, settings->time_zone);
  PageContext context{
      std::move(settings),
      std::move(dates),
      now_utc(),
      std::move(*sections),
      [media = media_](std::string_view src) { return media->image_attributes_for(src); },
      [media = media_](std::string_view src) { return media->social_image_for(src); }};
  context.theme = themes_->current();
  context.fragments_generation = generation;
  context.words = &context.theme->messages().for_language(context.language);
  // An edition's pages are in its language, and so is their About page.
  if (const Edition* chosen = edition_named(*context.settings, edition)) {
    context = in_language(context, chosen->language, context.theme->messages());
    context.edition = chosen;
    BYLINE_TRY(find_about_page(context));
  }
  return context;
}

Result<void> Site::find_about_page(PageContext& context) const {
  auto about = store_->post_by_slug("about");
  BYLINE_TRY(about);
  if (!*about || (*about)->type != content::PostType::page || !is_public(**about, context.now))
    return {};
  // The link changes when the About page goes, or a translation of it comes,
  // goes or moves.
  context.frame_shows = {cache_keys::post((*about)->id), cache_keys::translations((*about)->id)};
  auto translations = store_->published_translations(**about, context.now);
  BYLINE_TRY(translations);
  for (const auto& translation : *translations) {
    if (translation.type == content::PostType::page &&
        content::primary_language(translation.locale) == context.edition->language) {
      context.about_url = post_url(translation);
      context.frame_shows.push_back(cache_keys::post(translation.id));
      return {};
    }
  }
  return {};
}

void Site::add_routes(http::Router& router) const {
  // The reader site takes every path no other group claims.
  http::PublicRoutes routes(router, {.prefixes = {"/"}});
  // Every page says where the WordPress REST API is, as WordPress's do:
  // clients such as wpapi find it from any page of the site.
  auto bind = [this](auto method) {
    return [this, method](const Request& request, const Params& params, std::monostate) {
      Response response = (this->*method)(request, params);
      if (response.header("Content-Type").starts_with("text/html")) {
        response.set_header(
            "Link", "<" + settings_->current()->url + "/wp-json/>; rel=\"https://api.w.org/\"");
      }
      return response;
    };
  };
  constexpr auto anyone = http::Public::anyone;
  routes.add("GET", "", anyone, bind(&Site::home), {.reads_query = kOldAddressFields});
  routes.add("GET", "page/:page/", anyone, bind(&Site::home));
  routes.add("GET", "author/:slug/", anyone, bind(&Site::author));
  routes.add("GET", "author/:slug/page/:page/", anyone, bind(&Site::author));
  routes.add("GET", "section/:slug/", anyone, bind(&Site::section));
  routes.add("GET", "section/:slug/page/:page/", anyone, bind(&Site::section));
  routes.add("GET", "tag/:slug/", anyone, bind(&Site::tag));
  routes.add("GET", "tag/:slug/page/:page/", anyone, bind(&Site::tag));
  routes.add("GET", "search", anyone, bind(&Site::search), {.reads_query = {"q", "page"}});
  routes.add("GET", "robots.txt", anyone, bind(&Site::robots));
  routes.add("GET", "sitemap.xml", anyone, bind(&Site::sitemap_index));
  routes.add("GET", "sitemap-posts-{page}.xml", anyone, bind(&Site::sitemap_posts));
  routes.add("GET", "sitemap-pages.xml", anyone, bind(&Site::sitemap_pages));
  routes.add("GET", "sitemap-authors.xml", anyone, bind(&Site::sitemap_authors));
  routes.add("GET", "sitemap-sections.xml", anyone, bind(&Site::sitemap_sections));
  routes.add("GET", "sitemap-tags.xml", anyone, bind(&Site::sitemap_tags));
  routes.add("GET", "news-sitemap.xml", anyone, bind(&Site::news_sitemap));
  add_feed_routes(routes, "", FeedScope::site);
  add_feed_routes(routes, "section/:slug/", FeedScope::section);
  add_feed_routes(routes, "author/:slug/", FeedScope::author);
  add_feed_routes(routes, "tag/:slug/", FeedScope::tag);
  routes.add("GET", "assets/*path", anyone, bind(&Site::asset));
  routes.add("GET", "media/*path", anyone, bind(&Site::media_file));
  // An edition's pages, under its language ("/fa/"); its front page is
  // found by article(), as ":edition/" would be ":slug/".
  // Only the site's editions have them: any other first segment goes on
  // to the routes after these ("/tag/search" is sent to "/tag/search/").
  const http::RouteOptions in_edition{.accepts = [this](const Params& params) {
    return edition_named(*settings_->current(), params.get("edition")) != nullptr;
  }};
  routes.add("GET", ":edition/page/:page/", anyone, bind(&Site::edition_home), in_edition);
  routes.add("GET", ":edition/section/:slug/", anyone, bind(&Site::section), in_edition);
  routes.add("GET", ":edition/section/:slug/page/:page/", anyone, bind(&Site::section), in_edition);
  routes.add("GET", ":edition/author/:slug/", anyone, bind(&Site::author), in_edition);
  routes.add("GET", ":edition/author/:slug/page/:page/", anyone, bind(&Site::author), in_edition);
  routes.add("GET", ":edition/tag/:slug/", anyone, bind(&Site::tag), in_edition);
  routes.add("GET", ":edition/tag/:slug/page/:page/", anyone, bind(&Site::tag), in_edition);
  http::RouteOptions edition_search = in_edition;
  edition_search.reads_query = {"q", "page"};
  routes.add("GET", ":edition/search", anyone, bind(&Site::search), edition_search);
  add_feed_routes(routes, ":edition/", FeedScope::edition, in_edition);
  add_feed_routes(routes, ":edition/section/:slug/", FeedScope::section, in_edition);
  add_feed_routes(routes, ":edition/author/:slug/", FeedScope::author, in_edition);
  add_feed_routes(routes, ":edition/tag/:slug/", FeedScope::tag, in_edition);
  routes.add("GET", ":slug/", anyone, bind(&Site::article));
  router.set_not_found(
      [this](const Request& request, const Params&) { return not_found(request); });
}

Response Site::failure(const Error& error) const {
  const int status = http::status_for(error.code);
  if (!error.detail.empty()) log_line("error: " + error.message + " (" + error.detail + ")");
  View view;
  view.set("page_title", "Error");
  const auto settings = settings_->current();
  view.set("site_title", settings->title);
  view.set("home_url", "/");
  view.set("search_url", "/search");
  view.set("rss_url", "/rss/");
  view.set("atom_url", "/atom.xml");
  view.set("json_feed_url", "/feed.json");
  view.set("lang", settings->locale);
  view.set("dir", content::is_right_to_left(settings->locale) ? "rtl" : "ltr");
  const auto theme = themes_->current();
  View texts;
  for (const auto& [key, text] : theme->messages().for_language(settings->locale).texts()) {
    texts.set(key, text);
  }
  view.set("t", texts);
  view.set("status", std::to_string(status));
  view.set("message", error.message);
  if (theme->has_template("error")) {
    if (auto page = theme->render_page({"error"}, view)) {
      return Response::html(status, std::move(*page));
    }
  }
  // No error page in the theme, or one that fails itself.
  return plain_error_page(
      status, theme->messages().for_language(settings->locale).text("something_went_wrong"), view);
}

std::optional<Response> Site::moved(const Request& request) const {
  // With its query first ("/index.php?p=12"), then with only WordPress's
  // fields of it ("/?p=12&utm_source=x"), then without it.
  std::vector<std::string> addresses;
  if (!request.query.empty()) {
    const std::string target = request.path + "?" + request.query;
    if (auto address = http::canonical_address(target)) addresses.push_back(*address);
    if (auto address = http::canonical_address(target, &kOldAddressFields))
      addresses.push_back(*address);
  }
  if (auto address = http::canonical_address(request.path)) addresses.push_back(*address);
  for (const auto& address : addresses) {
    auto redirect = store_->redirect_for(address);
    if (!redirect) return failure(redirect.error());
    if (!*redirect) continue;
    if ((*redirect)->post_id == 0)
      return Response::redirect(301, http::address_for_header((*redirect)->location));
    auto post = store_->post_by_id((*redirect)->post_id);
    if (!post) return failure(post.error());
    // Rule: an old address of a post readers may not see leads nowhere.
    if (!*post || !is_public(**post, now_utc())) return std::nullopt;
    const std::string url = post_url(**post);
    if (http::canonical_path(request.path) == url) return std::nullopt;  // it lives here again
    return Response::redirect(301, http::address_for_header(url));
  }
  return std::nullopt;
}

Response Site::old_front_page_address(const Request& request) const {
  if (auto found = moved(request)) return std::move(*found);
  const http::Form query = http::Form::parse(request.query);
  // What WordPress serves whatever was imported.
  if (query.has("feed")) return Response::redirect(301, "/rss/");
  if (query.has("s"))
    return Response::redirect(301, "/search?q=" + http::url_encode(query.get("s")));
  if (query.has("tag")) {
    auto tag = store_->tag_by_slug(query.get("tag"));
    if (!tag) return failure(tag.error());
    if (*tag) return Response::redirect(301, tag_url(**tag));
  }
  return not_found(request);
}

Response Site::not_found(const Request& request) const {
  if (auto found = moved(request)) return std::move(*found);
  return missing(request);
}

Response Site::missing(const Request& request) const {
  // An address under an edition's ("/fa/…") gets its 404 in that edition.
  const std::string_view path = request.path;
  const auto end = path.find('/', 1);
  auto context = this->context(end == std::string_view::npos ? "" : path.substr(1, end - 1));
  if (!context) return failure(context.error());
  View view = page_view(*context, words(*context).text("page_not_found"), "", request.path);
  view.set("status", "404");
  view.set("message", words(*context).text("not_found_message"));
  const auto& theme = *context->theme;
  if (!theme.has_template("error-404") && !theme.has_template("error"))
    return plain_error_page(404, words(*context).text("page_not_found"), view);
  auto page = theme.render_page({"error-404", "error"}, view);
  if (!page) return failure(page.error());
  return Response::html(404, std::move(*page));
}

Response Site::render_listing(const Request& request, const Listing& listing,
                              const Params& params) const {
  const int page = page_number(params);
  if (page == 0) return not_found(request);
  if (page == 1 && !params.get("page").empty()) {
    return Response::redirect(301, listing.base_path);  // "/page/1/" is "/"
  }
  auto found = this->context(listing.edition);
  if (!found) return failure(found.error());
  const PageContext& context = *found;

  store::PostQuery query = listing.query;
  query.now = context.now;
  query.limit = context.settings->posts_per_page;
  query.offset = (page - 1) * context.settings->posts_per_page;
  auto result = store_->published_posts(query);
  if (!result) return failure(result.error());
  if (result->posts.empty() && page > 1) return not_found(request);

  std::string path = listing.base_path;
  if (page > 1) path += "page/" + std::to_string(page) + "/";
  std::string title = listing.title;
  if (page > 1) {
    title += (title.empty() ? "" : ", ") + words(context).format("page_n", {{"page", page}});
  }
  View view = page_view(context, title, listing.description, path);

  View posts = render::make_list();
  // The first card is above the fold: its image loads at once, the others'
  // when the reader scrolls near them. On the front page it is also the
  // lead, which themes show wider (its image's `sizes`).
  const bool front_page = listing.template_name == "home";
  bool first = true;
  if (listing.lead) {
    View lead = post_card(context, *listing.lead);
    lead.set("featured", true);
    lead.set("first", true);
    lead.set("lead", front_page);
    first = false;
    posts.push_back(lead);
  }
  for (const auto& post : result->posts) {
    View card = post_card(context, post);
    card.set("first", first);
    card.set("lead", first && front_page);
    first = false;
    if (listing.section_id != 0 && !post.sections.empty() &&
        post.sections.front().id == listing.section_id) {
      card.set("section", false);
    }
    posts.push_back(card);
  }

  view.set("posts", posts);
  view.set("has_posts", !result->posts.empty() || listing.lead);
  render::set_if_present(view, "heading", listing.title);
  View subject = listing.subject;
  if (listing.template_name == "author") mark_bio_language(context, subject);
  view.set("subject", subject);
  if (listing.template_name == "author") {
    // The name isolated (FSI … PDI, as <bdi> would): a right-to-left name
    // keeps the sentence around it in order.
    view.set("articles_by",
             words(context).format("articles_by", {{"name", "\u2068" + listing.title + "\u2069"}}));
  }

  View paging;
  paging.set("page", std::to_string(page));
  paging.set("label", words(context).format("page_n", {{"page", page}}));
  if (page > 1) {
    paging.set("newer_url", page == 2
                                ? listing.base_path
                                : listing.base_path + "page/" + std::to_string(page - 1) + "/");
  }
  if (result->has_more) {
    paging.set("older_url", listing.base_path + "page/" + std::to_string(page + 1) + "/");
  }
  view.set("paging", paging);
  view.set("show_pagination", page > 1 || result->has_more);

  auto rendered = context.theme->render_page({listing.template_name, "index"}, view);
  if (!rendered) return failure(rendered.error());
  Response response = Response::html(200, std::move(*rendered));
  std::vector<const content::Post*> shown;
  if (listing.lead) shown.push_back(&*listing.lead);
  for (const auto& post : result->posts) shown.push_back(&post);
  std::vector<std::string> shows = context.frame_shows;
  shows.push_back(listing.shows);
  response.cache = cache_keys::policy(std::move(shows), shown, context.now);
  return response;
}

Response Site::home(const Request& request, const Params& params) const {
  if (!request.query.empty() && params.get("page").empty()) {
    const http::Form query = http::Form::parse(request.query);
    for (const auto& field : kOldAddressFields) {
      if (query.has(field)) return old_front_page_address(request);
    }
  }
  return front_page(request, params, "");
}

Response Site::edition_home(const Request& request, const Params& params) const {
  const std::string& edition = params.get("edition");
  if (!edition_named(*settings_->current(), edition)) return not_found(request);
  return front_page(request, params, edition);
}

Response Site::front_page(const Request& request, const Params& params,
                          const std::string& edition_language) const {
  const auto settings = settings_->current();
  const Edition* edition = edition_named(*settings, edition_language);
  const store::PostCondition stories = edition_stories(*settings, edition);
  Listing listing{
      {}, edition_path(edition), "", "", "home", View(), std::nullopt, edition_list_key(edition),
      0,  edition_language};
  listing.query.where = stories;
  // Rule: the newest editors' pick of the edition leads its front page;
  // the list goes on without it, on every page, so that no story is on two
  // pages.
  store::PostQuery picks;
  picks.now = now_utc();
  picks.limit = 1;
  picks.where = store::PostCondition::all_of({store::PostCondition::featured_is(true), stories});
  auto pick = store_->published_posts(picks);
  if (!pick) return failure(pick.error());
  if (!pick->posts.empty()) {
    listing.query.where = store::PostCondition::all_of(
        {stories, store::PostCondition::none_of({store::PostCondition::with_ids(
                      store::PostCondition::Kind::id, {pick->posts.front().id})})});
    if (params.get("page").empty()) listing.lead = pick->posts.front();
  }
  return render_listing(request, listing, params);
}

Result<std::optional<content::User>> Site::public_author(std::string_view slug) const {
  auto user = store_->user_by_slug(slug);
  BYLINE_TRY(user);
  if (!*user) return std::optional<content::User>();
  store::PostQuery query;
  query.where =
      store::PostCondition::with_ids(store::PostCondition::Kind::author_id, {(*user)->id});
  query.now = now_utc();
  query.limit = 1;
  auto published = store_->published_posts(query);
  BYLINE_TRY(published);
  if (published->posts.empty()) return std::optional<content::User>();
  return std::move(*user);
}

// An author's page in each edition lists their stories in it ("/fa/author/…/"
// their Persian ones), as a tag's does.
Response Site::author(const Request& request, const Params& params) const {
  auto user = public_author(params.get("slug"));
  if (!user) return failure(user.error());
  if (!*user) return not_found(request);
  const auto settings = settings_->current();
  const Edition* edition = edition_named(*settings, params.get("edition"));
  Listing listing{
      {},       author_url(**user, edition),  (*user)->name, (*user)->bio,
      "author", author_view(**user, edition), std::nullopt,  cache_keys::author_list((*user)->id)};
  listing.edition = params.get("edition");
  listing.query.where = stories_in(
      edition,
      store::PostCondition::with_ids(store::PostCondition::Kind::author_id, {(*user)->id}));
  return render_listing(request, listing, params);
}

Response Site::section(const Request& request, const Params& params) const {
  auto section = store_->section_by_slug(params.get("slug"));
  if (!section) return failure(section.error());
  if (!*section) return not_found(request);
  // A section lives under its edition's front page ("/fa/section/…/").
  const std::string& asked = params.get("edition");
  if (asked != (*section)->language) {
    const std::string& page = params.get("page");
    return Response::redirect(301,
                              http::address_for_header(section_url(**section) +
                                                       (page.empty() ? "" : "page/" + page + "/")));
  }
  Listing listing = term_listing(**section, section_url(**section), "section",
                                 cache_keys::section_list((*section)->id));
  listing.edition = (*section)->language;
  listing.query.where =
      store::PostCondition::with_ids(store::PostCondition::Kind::section_id, {(*section)->id});
  listing.section_id = (*section)->id;
  // The breadcrumb: the front page, the sections this one is part of, and it.
  auto sections = store_->sections();
  if (!sections) return failure(sections.error());
  View trail = render::make_list();
  const auto settings = settings_->current();
  const Edition* edition = edition_named(*settings, (*section)->language);
  View home;
  home.set("name", edition ? edition->title : settings->title);
  home.set("url", edition_path(edition));
  trail.push_back(home);
  for (const auto& outer : content::section_trail(*sections, (*section)->id)) {
    if (outer.id == (*section)->id) continue;
    View crumb;
    crumb.set("name", outer.name);
    crumb.set("url", section_url(outer));
    trail.push_back(crumb);
  }
  listing.subject.set("trail", trail);
  listing.subject.set("has_trail", true);
  return render_listing(request, listing, params);
}

Response Site::tag(const Request& request, const Params& params) const {
  auto tag = store_->tag_by_slug(params.get("slug"));
  if (!tag) return failure(tag.error());
  if (!*tag) return not_found(request);
  const auto settings = settings_->current();
  const Edition* edition = edition_named(*settings, params.get("edition"));
  Listing listing =
      term_listing(**tag, tag_url(**tag, edition), "tag", cache_keys::tag_list((*tag)->id));
  listing.edition = params.get("edition");
  listing.query.where = stories_in(
      edition, store::PostCondition::with_ids(store::PostCondition::Kind::tag_id, {(*tag)->id}));
  return render_listing(request, listing, params);
}

Response Site::article(const Request& request, const Params& params) const {
  const std::string& slug = params.get("slug");
  // An edition's front page ("/fa/") comes before a story of that slug.
  if (edition_named(*settings_->current(), slug)) return front_page(request, params, slug);
  if (!content::is_valid_slug(slug)) return not_found(request);
  // Read before the post is: a change after this keeps the page from being
  // kept as a fragment.
  const std::uint64_t generation = fragments_ ? fragments_->generation() : 0;
  // Put together from fragments when they are at hand: no database, no
  // template (an article's fragment exists only while it is public).
  if (fragments_) {
    const Time now = now_utc();
    if (auto kept = fragments_->find(kArticleFragment + slug, now)) {
      auto recent = fragments_->find(recent_fragment_key(kept->edition, kept->language), now);
      if (!recent) {
        auto found = context(kept->edition);
        if (!found) return failure(found.error());
        auto rendered = recent_posts(in_language(*found, kept->language, found->theme->messages()));
        if (!rendered) return failure(rendered.error());
        recent = std::move(*rendered);
      }
      return assemble_article(*kept, *recent);
    }
  }
  auto found = store_->post_by_slug(slug);
  if (!found) return failure(found.error());
  // Rule: drafts, scheduled and unpublished posts, and posts whose time has
  // not come, do not exist for readers; their address may be an old one
  // of another post (not_found follows it).
  const auto& post = *found;
  if (!post || !is_public(*post, now_utc())) return not_found(request);
  return article_page(*post, generation);
}

Response Site::render_article(const content::Post& post) const {
  return article_page(post, std::nullopt);
}

Result<std::shared_ptr<const Fragment>> Site::recent_posts(const PageContext& context) const {
  // Read before the theme and the posts were.
  const std::uint64_t generation = context.fragments_generation;
  const std::string key = recent_fragment_key(
      context.edition ? std::string_view(context.edition->language) : "", context.language);
  if (fragments_) {
    if (auto kept = fragments_->find(key, context.now)) return kept;
  }
  // A theme without the partial shows no Recent Posts.
  if (!context.theme->has_partial("recent-post")) return std::make_shared<const Fragment>();
  store::PostQuery query;
  query.now = context.now;
  query.limit = context.settings->recent_posts + 1;
  query.where = edition_stories(*context.settings, context.edition);  // the edition's own
  auto latest = store_->published_posts(query);
  BYLINE_TRY(latest);
  auto fragment = std::make_shared<Fragment>();
  std::vector<const content::Post*> shown;
  for (const auto& post : latest->posts) {
    View card = post_card(context, post, ImageDetail::plain);
    auto item = context.theme->render_partial("recent-post", card);
    BYLINE_TRY(item);
    fragment->parts.push_back(std::move(*item));
    fragment->post_ids.push_back(post.id);
    shown.push_back(&post);
  }
  http::CachePolicy policy =
      cache_keys::policy({edition_list_key(context.edition)}, shown, context.now);
  fragment->shows = std::move(policy.shows);
  fragment->changes_at = policy.changes_at;
  if (fragments_) {
    fragments_->store(key, fragment, fragment->shows, fragment->changes_at, generation);
  }
  return std::shared_ptr<const Fragment>(std::move(fragment));
}

Response Site::assemble_article(const Fragment& article, const Fragment& recent) const {
  if (article.parts.size() == 1) {  // no Recent Posts on this page
    Response response = Response::html(200, article.parts.front());
    response.cache = http::CachePolicy{article.shows, std::nullopt};
    return response;
  }
  const content::Id own = article.post_ids.front();
  const auto wanted = static_cast<std::size_t>(settings_->current()->recent_posts);
  std::string page = article.parts.front();
  std::size_t shown = 0;
  // The page shows what its Recent Posts show: their list and their posts.
  http::CachePolicy policy{article.shows, recent.changes_at};
  policy.shows.insert(policy.shows.end(), recent.shows.begin(), recent.shows.end());
  for (std::size_t i = 0; i < recent.parts.size() && shown < wanted; ++i) {
    if (recent.post_ids[i] == own) continue;
    page += recent.parts[i];
    ++shown;
  }
  page += article.parts.back();
  Response response = Response::html(200, std::move(page));
  response.cache = std::move(policy);
  return response;
}

Response Site::article_page(const content::Post& post, std::optional<std::uint64_t> keep) const {
  // A story is in the edition of its language, with its navigation and
  // Recent Posts.
  const Edition* edition = edition_of(*settings_->current(), post.locale);
  auto found = this->context(edition ? std::string_view(edition->language) : "");
  if (!found) return failure(found.error());
  // A story reads in its own language from kicker to footer.
  const PageContext context =
      in_language(*found, post_language(*found, post), found->theme->messages());
  auto recent = recent_posts(context);
  if (!recent) return failure(recent.error());
  const bool has_recent = std::any_of((*recent)->post_ids.begin(), (*recent)->post_ids.end(),
                                      [&post](content::Id id) { return id != post.id; });

  const std::string description = !post.seo_description.empty() ? post.seo_description
                                  : !post.custom_excerpt.empty()
                                      ? post.custom_excerpt
                                      : content::make_excerpt(post.plaintext);
  View view = page_view(context, post.seo_title.empty() ? post.title : post.seo_title, description,
                        post_url(post));
  view.set("post", article_view(context, post));
  article_metadata(context, post, view);
  auto translations = store_->published_translations(post, context.now);
  if (!translations) return failure(translations.error());
  translation_metadata(context, post, *translations, view);
  // The Recent Posts go in later, from their own fragment.
  view.set("recent_posts_html", std::string(kRecentPostsMark));
  view.set("has_recent_posts", has_recent);

  const std::string specific =
      (post.type == content::PostType::page ? "page-" : "post-") + post.slug;
  auto rendered = post.type == content::PostType::page
                      ? context.theme->render_page({specific, "page", "post"}, view)
                      : context.theme->render_page({specific, "post"}, view);
  if (!rendered) return failure(rendered.error());

  // The page around its Recent Posts: the post and the other versions of
  // the story (and, while there are none, the front page's list).
  auto article = std::make_shared<Fragment>();
  const auto mark = rendered->rfind(kRecentPostsMark);
  if (mark == std::string::npos) {  // a template that shows no Recent Posts (pages)
    article->parts = {std::move(*rendered)};
  } else {
    article->parts = {rendered->substr(0, mark), rendered->substr(mark + kRecentPostsMark.size())};
  }
  article->post_ids = {post.id};
  article->language = context.language;
  article->edition = context.edition ? context.edition->language : "";
  article->shows = {
      cache_keys::post(post.id),
      cache_keys::translations(post.translation_of > 0 ? post.translation_of : post.id)};
  for (const auto& version : *translations) article->shows.push_back(cache_keys::post(version.id));
  article->shows.insert(article->shows.end(), context.frame_shows.begin(),
                        context.frame_shows.end());
  // While there are no Recent Posts the template leaves out their place:
  // the first story to come makes the page again, with them.
  if (!has_recent) article->shows.push_back(edition_list_key(context.edition));
  if (keep && fragments_)
    fragments_->store(kArticleFragment + post.slug, article, article->shows, std::nullopt, *keep);
  return assemble_article(*article, **recent);
}

Response Site::search(const Request& request, const Params& params) const {
  // Every edition searches the whole site, in its own words.
  const std::string& edition = params.get("edition");
  if (!edition.empty() && !edition_named(*settings_->current(), edition)) return not_found(request);
  const http::Form query = http::Form::parse(request.query);
  const std::string typed = query.get("q").substr(0, 10000);
  int page = 1;
  const std::string& page_text = query.get("page");
  std::from_chars(page_text.data(), page_text.data() + page_text.size(), page);
  page = std::clamp(page, 1, 1000);

  auto found = context(edition);
  if (!found) return failure(found.error());
  const PageContext& context = *found;
  const std::string search_path = edition_path(context.edition) + "search";
  const int per_page = context.settings->posts_per_page;
  auto results = store_->search(typed, context.now, per_page, (page - 1) * per_page);
  if (!results) return failure(results.error());

  const std::string search_words = words(context).text("search");
  View view = page_view(context, typed.empty() ? search_words : search_words + ": " + typed, "",
                        search_path);
  view.set("noindex", true);
  // The page's own form is the search: the header's would be a second.
  view.set("on_search_page", true);
  view.set("q", typed);
  view.set("searched", !typed.empty());
  View hits = render::make_list();
  for (const auto& hit : results->hits) {
    View card = post_card(context, hit.post, ImageDetail::plain);
    // The snippet is the post's own text: escape it, then mark the matches.
    std::string snippet;
    content::append_escaped(snippet, hit.snippet);
    std::string marked;
    for (const char c : snippet) {
      if (c == '\x01')
        marked += "<mark>";
      else if (c == '\x02')
        marked += "</mark>";
      else
        marked += c;
    }
    card.set("snippet_html", marked);
    hits.push_back(card);
  }
  view.set("results", hits);
  view.set("has_results", !results->hits.empty());
  if (!typed.empty()) {
    view.set("nothing_matches", words(context).format("nothing_matches", {{"q", typed}}));
  }
  if (!results->hits.empty()) {
    // How many in all: the same words, counted.
    store::PostQuery counted;
    counted.search = typed;
    counted.now = context.now;
    counted.limit = 1;
    counted.count_total = true;
    auto all = store_->published_posts(counted);
    if (!all) return failure(all.error());
    view.set("results_for",
             words(context).format(
                 "results_for",
                 {{"count", static_cast<long long>(all->total.value_or(0))}, {"q", typed}}));
  }
  View paging;
  paging.set("page", std::to_string(page));
  paging.set("label", words(context).format("page_n", {{"page", page}}));
  const std::string base = search_path + "?q=" + http::url_encode(typed);
  if (page > 1)
    paging.set("newer_url", base + (page == 2 ? "" : "&page=" + std::to_string(page - 1)));
  if (results->has_more) paging.set("older_url", base + "&page=" + std::to_string(page + 1));
  view.set("paging", paging);
  view.set("show_pagination", page > 1 || results->has_more);
  // A theme without a search page lists the results as its index lists
  // posts.
  if (!context.theme->has_template("search")) {
    view.set("posts", hits);
    view.set("has_posts", !results->hits.empty());
  }
  auto rendered = context.theme->render_page({"search", "index"}, view);
  if (!rendered) return failure(rendered.error());
  return Response::html(200, std::move(*rendered));
}

Response Site::asset(const Request& request, const Params& params) const {
  const auto theme = themes_->current();  // the asset lives in it
  const render::Asset* asset = theme->asset(params.get("path"));
  if (!asset) return not_found(request);
  return asset_response(asset, params.get("path"), request);
}

Response Site::media_file(const Request& request, const Params& params) const {
  const std::string& path = params.get("path");
  Response response;
  // Variant names are random and never reused: the bytes never change, and
  // a browser that has them gets its 304 without the file being read.
  const std::string etag = "\"" + path + "\"";
  response.set_header("ETag", etag);
  response.set_header("Cache-Control", "public, max-age=31536000, immutable");
  if (request.header("if-none-match") == etag) {
    if (!media_->has_public_file(path)) return not_found(request);
    response.status = 304;
    return response;
  }
  auto bytes = media_->read_public_file(path);
  if (!bytes) return not_found(request);
  response.set_header("Content-Type", "image/webp");
  response.body = std::move(*bytes);
  return response;
}

}  // namespace byline::site
