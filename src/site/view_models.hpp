// View models of the reader site: what a template sees of a post, an
// author or a listing. Built from content values; no I/O.
#pragma once

#include "content/model.hpp"
#include "media/media_library.hpp"
#include "render/dates.hpp"
#include "render/messages.hpp"
#include "render/view.hpp"
#include "site/settings.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace byline::render {
class Theme;
}

namespace byline::site {

// What every page needs to render: the settings, the page's language with
// its words and a formatter for its dates in the site's zone, and the moment
// of the request.
struct PageContext {
  std::shared_ptr<const SiteSettings> settings;  // a snapshot for this request
  render::DateFormatter dates;                   // in `language`
  Time now;
  std::vector<content::Section> sections;  // for the navigation
  // The srcset and size of an image address (empty when unknown).
  std::function<media::ImageAttributes(std::string_view src)> image_attributes_for;
  // The sized image to show on social networks for an image address.
  std::function<std::optional<media::SizedImage>(std::string_view src)> social_image_for;
  // The language the page is in: the site's, or a story's own. Its words
  // come from the theme's catalogue for it (English when none is set).
  std::string language = settings ? settings->locale : "en";
  const render::Catalogue* words = nullptr;  // in `theme`
  // The theme this request renders with, held until it is done (a theme
  // being worked on may be replaced meanwhile).
  std::shared_ptr<const render::Theme> theme = nullptr;
  // The fragment cache's generation, read before `theme` was: a fragment
  // rendered with a theme replaced since is never kept.
  std::uint64_t fragments_generation = 0;
  // The edition the page is in (one of `settings`' editions), with its own
  // title, sections and front page; nullptr: the site's own.
  const Edition* edition = nullptr;
  // The About page in the page's edition: its translation there, when it
  // has one, else the site's own.
  std::string about_url = "/about/";
  // What the page's frame shows beyond its own content (that About page):
  // a cached page built on this context lists these keys too.
  std::vector<std::string> frame_shows = {};
};

// The theme's words for the page: context.words, or English keys.
const render::Catalogue& words(const PageContext& context);

// The same context for a page in `language` (a story's own): its words and
// dates in that language, when the theme speaks it; otherwise `context`.
PageContext in_language(const PageContext& context, const std::string& language,
                        const render::Messages& messages);

std::string post_url(const content::Post& post);
// A section of an edition lives under its front page: "/fa/section/…/".
std::string section_url(const content::Section& section);
// An author's and a tag's pages are in every edition, each listing that
// edition's stories: "/fa/tag/…/" in `edition`, "/tag/…/" for the site's
// own (nullptr).
std::string author_url(const content::User& user, const Edition* edition = nullptr);
std::string tag_url(const content::Tag& tag, const Edition* edition = nullptr);

// The page frame: the title, sections and addresses of the page's edition,
// links to the other editions, language and direction, the page's title,
// description and canonical address.
render::View page_view(const PageContext& context, std::string_view page_title,
                       std::string_view description, std::string_view path);

// A post in a listing: title, link, excerpt, dates, primary author/section.
// Its image has a srcset and a size only when asked for: finding them
// reads the image's files, which lists whose cards show no picture (Recent
// Posts, search results) need not pay for.
enum class ImageDetail { sized, plain };
render::View post_card(const PageContext& context, const content::Post& post,
                       ImageDetail detail = ImageDetail::sized);

// An author as templates see them, linked to their page in `edition`.
render::View author_view(const content::User& user, const Edition* edition = nullptr);
// Staff write their bios in the site's language: on a page in another
// (a Persian edition's, a Persian story's) the author's view gets
// `bio_lang` and `bio_dir` for it.
void mark_bio_language(const PageContext& context, render::View& author);

// The article itself: post_card plus body, all authors, tags, share links.
render::View article_view(const PageContext& context, const content::Post& post);

// Open Graph, Twitter card and JSON-LD (NewsArticle, BreadcrumbList) of an
// article, added to its page view.
void article_metadata(const PageContext& context, const content::Post& post, render::View& view);

// The language a post is written in: its own, or the site's.
std::string post_language(const PageContext& context, const content::Post& post);

// hreflang alternates (with x-default for the original), Open Graph locale
// alternates and readers' links to the other languages of an article with
// published `translations`.
void translation_metadata(const PageContext& context, const content::Post& post,
                          const std::vector<content::Post>& translations, render::View& view);

// "EA" for "Emad Askarieh": the author box's avatar when there is no photo.
std::string initials(std::string_view name);

}  // namespace byline::site
