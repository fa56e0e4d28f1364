// Internal to the layout stage: table grids from ruling lines.
#pragma once

#include <vector>

#include "pipeline/layout/layout.h"

namespace budgetx::layout {

// A cell of a grid as the range of grid slots it covers: rows [row0, row1), columns [col0, col1).
struct GridCell {
  int row0 = 0, col0 = 0, row1 = 0, col1 = 0;
};

// The boundaries of a ruled table and its cells. A slot is the space between two neighbouring
// row boundaries and two neighbouring column boundaries; slots not separated by a drawn rule
// belong to the same (merged) cell.
struct Grid {
  std::vector<double> xs;  // column boundaries, ascending
  std::vector<double> ys;  // row boundaries, ascending
  std::vector<GridCell> cells;
  std::vector<int> owner;  // slot (row * columns + column) → index into cells

  int Rows() const { return static_cast<int>(ys.size()) - 1; }
  int Columns() const { return static_cast<int>(xs.size()) - 1; }
  const GridCell& CellAt(int row, int column) const { return cells[owner[row * Columns() + column]]; }
  // The slot holding the point, or -1 when the point is outside the grid.
  int SlotAt(double x, double y) const;
};

// The grids the rules draw: connected horizontal and vertical rules with at least two columns.
// Collinear pieces are joined first (a spreadsheet draws each cell's border separately).
std::vector<Grid> FindGrids(const std::vector<Ruling>& rulings);

}  // namespace budgetx::layout
