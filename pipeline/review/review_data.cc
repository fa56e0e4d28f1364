// ReviewData: the canonical JSON turned into what the review page draws. The page's script only
// draws; which cell is in which state, and which item selects which cells, is decided here.
#include <map>
#include <set>
#include <tuple>

#include "pipeline/review/review.h"

namespace budgetx::review {
namespace {

using nlohmann::ordered_json;
using CellKey = std::tuple<int, int, int>;  // table, row, column

// A cell's states, most urgent first; the first one it has gives its colour.
constexpr const char* kStates[] = {"failed", "finding", "corrected", "low", "ocr", "text"};

int Int(const ordered_json& j, const char* key, int missing = -1) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : missing;
}

std::string Str(const ordered_json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const ordered_json& Array(const ordered_json& doc, const char* key) {
  static const ordered_json kEmpty = ordered_json::array();
  auto it = doc.find(key);
  return it != doc.end() && it->is_array() ? *it : kEmpty;
}

bool HasPlace(const ordered_json& provenance) {
  return Int(provenance, "page", 0) > 0 && (provenance.contains("bbox") || Int(provenance, "line", 0) > 0);
}

// The place an item points at when it names no cell: its page, and its box or line.
ordered_json Area(const ordered_json& provenance) {
  ordered_json area = {{"page", Int(provenance, "page", 0)}};
  if (provenance.contains("bbox")) area["bbox"] = provenance["bbox"];
  if (Int(provenance, "line", 0) > 0) area["line"] = provenance["line"];
  return area;
}

class Builder {
 public:
  explicit Builder(const ordered_json& doc) : doc_(doc) {}

  ordered_json Build(const std::vector<PageView>& pages, const std::vector<SourceLine>& lines) {
    ordered_json data;
    data["identity"] = Identity();
    data["kind"] = Str(doc_.value("source", ordered_json::object()), "kind");
    data["pages"] = Pages(pages);
    data["lines"] = Lines(lines);
    CollectCells();
    ordered_json items = ordered_json::array();
    AddReview(&items);
    AddChecks(&items);
    AddFindings(&items);
    AddCorrections(&items);
    AddWarnings(&items);
    data["tables"] = Tables();
    data["cells"] = Cells();
    data["items"] = std::move(items);
    return data;
  }

 private:
  struct CellView {
    ordered_json json;
    std::set<std::string> states;
  };

  ordered_json Identity() const {
    ordered_json id;
    for (const char* part : {"source", "document", "summary"}) id[part] = doc_.value(part, ordered_json::object());
    return id;
  }

  static ordered_json Pages(const std::vector<PageView>& pages) {
    ordered_json out = ordered_json::array();
    for (const auto& p : pages) {
      out.push_back({{"number", p.number}, {"image", p.image}, {"width", p.width}, {"height", p.height}});
    }
    return out;
  }

  static ordered_json Lines(const std::vector<SourceLine>& lines) {
    ordered_json out = ordered_json::array();
    for (size_t i = 0; i < lines.size(); ++i) {
      out.push_back({{"number", static_cast<int>(i) + 1}, {"page", lines[i].page}, {"text", lines[i].text}});
    }
    return out;
  }

  void CollectCells() {
    const ordered_json& tables = Array(doc_, "tables");
    for (size_t t = 0; t < tables.size(); ++t) {
      const ordered_json& rows = Array(tables[t], "rows");
      for (size_t r = 0; r < rows.size(); ++r) {
        const ordered_json& cells = Array(rows[r], "cells");
        for (size_t c = 0; c < cells.size(); ++c) AddCell(cells[c], {int(t), int(r), int(c)});
      }
    }
  }

  void AddCell(const ordered_json& cell, const CellKey& key) {
    const ordered_json provenance = cell.value("provenance", ordered_json::object());
    if (!HasPlace(provenance)) return;
    CellView view;
    view.json = {{"table", std::get<0>(key)}, {"row", std::get<1>(key)}, {"column", std::get<2>(key)},
                 {"text", Str(cell, "text")}, {"kind", Str(cell, "kind")}};
    view.json.update(Area(provenance));
    if (provenance.contains("confidence")) {
      view.json["confidence"] = provenance["confidence"];
      view.states.insert("ocr");
    } else {
      view.states.insert("text");
    }
    index_[key] = static_cast<int>(cells_.size());
    cells_.push_back(std::move(view));
  }

  // The ids of the cells `refs` name that have a place; `state` is added to each.
  ordered_json Mark(const std::vector<CellKey>& refs, const char* state) {
    ordered_json ids = ordered_json::array();
    for (const auto& key : refs) {
      auto it = index_.find(key);
      if (it == index_.end()) continue;
      if (state) cells_[it->second].states.insert(state);
      ids.push_back(it->second);
    }
    return ids;
  }

  static CellKey Key(const ordered_json& ref, const char* table_key = "table") {
    return {Int(ref, table_key), Int(ref, "row"), Int(ref, "column")};
  }

  // An item of the panel; its page is its first cell's, else its area's.
  ordered_json Item(const char* section, std::string label, std::string detail, ordered_json cells,
                    ordered_json areas, bool needs_person) const {
    int page = 0;
    if (!cells.empty()) page = cells_[cells[0].get<int>()].json.value("page", 0);
    for (const auto& a : areas) page = page ? page : Int(a, "page", 0);
    return {{"section", section}, {"label", std::move(label)}, {"detail", std::move(detail)}, {"page", page},
            {"cells", std::move(cells)}, {"areas", std::move(areas)}, {"needs_person", needs_person}};
  }

  static ordered_json Areas(const ordered_json& provenance) {
    ordered_json areas = ordered_json::array();
    if (Int(provenance, "page", 0) > 0) areas.push_back(Area(provenance));
    return areas;
  }

  void AddReview(ordered_json* items) {
    for (const auto& entry : Array(doc_, "review")) {
      const ordered_json cell = entry.value("cell", ordered_json::object());
      const double confidence = entry.value("confidence", 0.0);
      std::string detail = "confidence " + std::to_string(static_cast<int>(confidence * 100 + 0.5)) + "%";
      items->push_back(Item("review", Str(entry, "text"), detail, Mark({Key(cell)}, "low"),
                            Areas(entry.value("provenance", ordered_json::object())), true));
    }
  }

  void AddChecks(ordered_json* items) {
    for (const auto& check : Array(doc_, "checks")) {
      if (Str(check, "result") != "fail") continue;
      std::vector<CellKey> refs = {Key(check.value("target", ordered_json::object()))};
      for (const auto& part : Array(check, "parts")) refs.push_back(Key(part));
      std::string detail = "stated " + Str(check, "stated") + ", computed " + Str(check, "computed") +
                           " (tolerance " + Str(check, "tolerance") + ")";
      items->push_back(Item("checks", Str(check, "description"), detail, Mark(refs, "failed"),
                            ordered_json::array(), true));
    }
  }

  void AddFindings(ordered_json* items) {
    for (const auto& finding : Array(doc_, "findings")) {
      std::vector<CellKey> refs;
      ordered_json areas = ordered_json::array();
      for (const auto& e : Array(finding, "evidence")) {
        if (e.contains("cell")) refs.push_back(Key(e["cell"]));
        else if (Int(e.value("provenance", ordered_json::object()), "page", 0) > 0) areas.push_back(Area(e["provenance"]));
      }
      const std::string severity = Str(finding, "severity");
      items->push_back(Item("findings", Str(finding, "message"), severity + " · " + Str(finding, "rule"),
                            Mark(refs, "finding"), std::move(areas), severity != "info"));
      items->back()["severity"] = severity;
    }
  }

  void AddCorrections(ordered_json* items) {
    for (const auto& correction : Array(doc_, "corrections")) {
      ordered_json cells = ordered_json::array();
      if (correction.contains("cell")) {
        const CellKey key = Key(correction["cell"], "table_index");
        cells = Mark({key}, "corrected");
        auto it = index_.find(key);
        if (it != index_.end()) cells_[it->second].json["raw"] = Str(correction, "raw");
      }
      std::string label = Str(correction, "raw") + " → " + Str(correction, "result");
      std::string detail = Str(correction, "kind");
      if (!Str(correction, "because").empty()) detail += " · " + Str(correction, "because");
      ordered_json areas = cells.empty() ? Areas(correction.value("provenance", ordered_json::object())) : ordered_json::array();
      // The accounts' repairs change a printed amount: a person confirms them.
      items->push_back(Item("corrections", label, detail, std::move(cells), std::move(areas),
                            !Str(correction, "because").empty()));
    }
  }

  void AddWarnings(ordered_json* items) const {
    for (const auto& warning : Array(doc_, "warnings")) {
      items->push_back(Item("warnings", Str(warning, "message"), Str(warning, "stage"), ordered_json::array(),
                            Areas(warning.value("provenance", ordered_json::object())), false));
    }
  }

  ordered_json Tables() const {
    ordered_json out = ordered_json::array();
    const ordered_json& tables = Array(doc_, "tables");
    for (size_t t = 0; t < tables.size(); ++t) {
      ordered_json cells = ordered_json::array();
      for (const auto& [key, id] : index_) {
        if (std::get<0>(key) == static_cast<int>(t)) cells.push_back(id);
      }
      out.push_back({{"index", t}, {"number", Str(tables[t], "number")}, {"title", Str(tables[t], "title")},
                     {"unit", Str(tables[t], "unit")}, {"pages", tables[t].value("pages", ordered_json::array())},
                     {"cells", std::move(cells)}});
    }
    return out;
  }

  ordered_json Cells() {
    ordered_json out = ordered_json::array();
    for (auto& view : cells_) {
      ordered_json states = ordered_json::array();
      for (const char* state : kStates) {
        if (view.states.count(state)) states.push_back(state);
      }
      view.json["states"] = std::move(states);
      out.push_back(std::move(view.json));
    }
    return out;
  }

  const ordered_json& doc_;
  std::vector<CellView> cells_;
  std::map<CellKey, int> index_;
};

}  // namespace

nlohmann::ordered_json ReviewData(const nlohmann::ordered_json& doc, const std::vector<PageView>& pages,
                                  const std::vector<SourceLine>& lines) {
  return Builder(doc).Build(pages, lines);
}

}  // namespace budgetx::review
