// Internal to the PDF extractor: the ruling lines of each page, read with Poppler's core API
// (the C++ wrapper gives no vector graphics). Poppler types stay in rulings.cc.
#pragma once

#include <string>
#include <vector>

#include "pipeline/layout/layout.h"

namespace budgetx::pdf_extractor {

// Horizontal and vertical strokes, and filled rectangles thin enough to be drawn rules, of every
// page of the PDF in `bytes`, in PDF points with the origin at the page's top-left (the frame of
// the text boxes). One vector per page; empty when the document cannot be read this way.
std::vector<std::vector<layout::Ruling>> ReadRulings(const std::string& bytes, const std::string& password);

}  // namespace budgetx::pdf_extractor
