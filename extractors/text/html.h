// Internal to the text extractor: a dump that is an HTML page (a budget published on a web page,
// or a page saved under another name) read as its visible lines. Not part of the public contract.
//
// Every block element (p, div, br, li, h1–h6, tr, ...) ends a line. A data table (one with a row
// of two or more filled cells) gives one tab-delimited line a row: a cell spanning n columns is
// followed by n − 1 empty cells and a cell spanning rows leaves an empty cell in the rows below, so
// the columns stay aligned; a row whose one cell spans the whole table (a title, a unit) is a plain
// line. A layout table (no such row, or one holding another table) gives its cells' lines in order.
// head, script, style, comments and tags are dropped, character references decoded, and runs of
// white space read as one space. Markup that does not parse is read as text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace budgetx::text_extractor {

struct HtmlLine {
  int source_line = 0;  // 1-based line of the page where the line's text starts
  std::string text;
};

// True when `utf8` starts, after white space and a BOM, with a doctype, an <html> tag or a comment
// followed by one of them: what a web page starts with and a plain-text dump does not.
bool LooksLikeHtml(std::string_view utf8);

std::vector<HtmlLine> HtmlToLines(std::string_view utf8);

}  // namespace budgetx::text_extractor
