// Internal to the layout stage: unruled tables found from the alignment of their text.
#pragma once

#include <vector>

#include "pipeline/model/model.h"

namespace budgetx::layout {

// Marks runs of plain lines (top to bottom, outside any grid) that read as a table without
// rules: at least three lines with cells on both sides of gutters (x-ranges that nearly every
// line of the run leaves blank). Each run gets its own Line::region, numbered from
// `next_region`; returns the next free number. The lines keep their spans and get
// Line::columns, their text split at the gutters.
int MarkAlignedRegions(std::vector<Line>* lines, int next_region);

// The gutters the lines' fullest rows leave open, left to right (x-ranges in points).
std::vector<Extent> ColumnGutters(const std::vector<Line>& lines);

}  // namespace budgetx::layout
