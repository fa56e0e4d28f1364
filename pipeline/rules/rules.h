// Stage: rules — knowledge about documents, loaded from rules/*.yaml and compiled once.
//
// Input:  a directory of YAML files (every *.yaml in it, in name order).
// Output: a RuleSet of compiled RE2 patterns and plain data, read-only after Load.
// Errors: Load returns a Status naming "file:line" and the offending key or pattern for: YAML
//         syntax errors, unknown section or key, a missing required key, a pattern RE2 rejects
//         (with RE2's reason), a pattern lacking a required capture group, a bad value type.
//         Nothing is partially loaded: on error *out is left empty.
// Thread-safety: a loaded RuleSet is immutable and may be shared by threads.
//
// File format (see rules/README.md): each file is a mapping of sections to lists of entries.
// Sections: document_kinds, title_ends, years, issuers, not_issuers, regions, table_titles,
// table_units, skip_lines, table_ends, contents_lines, headings, columns, header_labels, codes,
// code_prefixes, row_kinds, narrative, narrative_comparisons, comparison_words, token_joins,
// ocr_repairs, ocr_confusions, ocr_vocabulary, classification, column_identities,
// line_identities, ratio_identities, cross_table, narrative_links, fdp_measures, templates,
// template_tables, template_title_noise, empty_table_notes, placeholders, stray_years.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "pipeline/model/model.h"
#include "pipeline/normalize/normalize.h"

namespace budgetx::rules {

struct Pattern {
  std::string name;                   // entry's `name`, or the section name when absent
  std::string pattern;                // as written
  std::shared_ptr<const RE2> re;      // compiled, UTF-8
  std::string source;                 // "rules/tables.yaml:34"
  std::map<std::string, std::string> attrs;  // other scalar keys allowed for the section
};

struct ColumnRule {
  std::string key;     // canonical column key, e.g. "total"
  Pattern match;       // matched against the compacted header path of a column
  bool amount = true;  // the column holds amounts (false: text, codes, percentages, counts)
  // What the column's cells look like: "amount", "percent", "text", "code" or "code_part" (one
  // level of a classification code printed in its own column: 类 | 款 | 项). Optional in the
  // YAML: without it, amount: true means "amount" and amount: false means "text".
  std::string holds = "amount";
};

// A column label of the standard tables, for headers printed as fragments of wrapped labels
// (财政专 / 户管理 / 资金). A label with parts heads those of its parts printed below it.
struct HeaderLabel {
  std::string label;               // as printed (compared compacted)
  std::vector<std::string> parts;  // sub-column labels, in their usual order
  std::string source;              // "rules/columns.yaml:50"
};

// Identities the documents assert, checked by the reconcile stage and used by repair.
// target = Σ signs[i] × parts[i], by column key.
struct ColumnIdentity {
  std::string name;  // as written in the rules, e.g. "支出总计 = 基本支出 + 项目支出"
  std::string target;
  std::vector<std::string> parts;
  std::vector<int> signs;  // +1/-1 per part; empty means all +1
};

// target (a percent column) = numerator / denominator × scale.
struct RatioIdentity {
  std::string name;
  std::string target;
  std::string numerator;
  std::string denominator;
  int64_t scale = 100;
};

// A cell named by table title pattern, row label and column key.
struct CellSelector {
  std::string table_title;  // substring of the table title (after normalisation)
  std::string row_label;    // substring of the row name; empty = the table's first row
  std::string column;       // column key; empty = the first amount column
};

struct CrossTableIdentity {
  std::string name;
  CellSelector left;
  CellSelector right;
};

// A total a table states over its lines, named by their labels: a row's label, or a column's
// header path ("“三公”经费预算数/公务用车购置及运行费/小计"). In a table whose number and title
// `table` matches, the line whose label `total` matches = Σ the lines `parts` match, one line
// each; rows in every amount column of their side, columns in every row. Patterns search the
// compacted label.
struct LineIdentity {
  std::string name;
  std::shared_ptr<const RE2> table, total;
  std::vector<std::shared_ptr<const RE2>> parts;
  std::string source;  // "rules/identities.yaml:12"
};

// The cell an amount of the text states, where no row is named as the text names it
// (财政拨款收入支出总计 is the 总计 row of the 财政拨款收入支出决算总表).
struct NarrativeLink {
  std::string name;
  std::shared_ptr<const RE2> subject;  // searched in the text's subject, compacted
  CellSelector cell;
};

struct Identities {
  std::vector<ColumnIdentity> columns;
  std::vector<LineIdentity> lines;
  std::vector<RatioIdentity> ratios;
  std::vector<CrossTableIdentity> cross_table;
  std::vector<NarrativeLink> narrative_links;
};

// A template of a disclosure's tables (rules/audit.yaml): the tables a document of its kinds
// prints, each known by the variants of its title.
struct TemplateTable {
  std::string name;      // as the template names it
  Pattern match;         // matched against a table's compacted title
  bool mandatory = true;
};

struct Template {
  Pattern kinds;  // name = the template's; matched against the document's kind
  std::vector<TemplateTable> tables;
};

struct RuleSet {
  std::vector<Pattern> document_kinds;  // name = document kind; searched in the title, then the first lines
  std::vector<Pattern> title_ends;      // a matching line is not part of the cover's title
  // Capture group 1 = the fiscal year / the issuing body; attr "in" = "title" or "lines" (the
  // default), the text a pattern is matched with (see rules/README.md).
  std::vector<Pattern> years;
  std::vector<Pattern> issuers;
  std::vector<Pattern> not_issuers;     // a captured issuer matching one is not an issuer
  std::vector<Pattern> regions;         // capture group 1 = the region the issuer (else title) names
  std::vector<Pattern> table_titles;    // named groups: number (optional), title
  std::vector<Pattern> table_units;     // capture group 1 = the unit ("万元")
  std::vector<Pattern> skip_lines;      // lines that are never table content (attr kind)
  std::vector<Pattern> table_ends;      // a matching line ends the current table
  // Lines of a table of contents (attr kind: heading, the 目录 line; entry, a line with leaders
  // or a page number): a page holding a heading or several entries has no table or title.
  std::vector<Pattern> contents_lines;
  std::vector<Pattern> headings;        // part headings of a document, never a table's title
  std::vector<ColumnRule> columns;
  std::vector<HeaderLabel> header_labels;
  std::vector<Pattern> codes;           // classification codes; attr level per entry
  // A code printed in the name's cell before the name ([201]一般公共服务支出): group 1 is the code.
  std::vector<Pattern> code_prefixes;
  std::vector<Pattern> row_kinds;       // name = total | subtotal | of_which | difference
  std::vector<Pattern> narrative;       // named groups: subject, amount; optional unit, percent
  // Sentences comparing amounts: named groups amount and any of base, change, ratio, growth
  // (numbers) and word… (the words that compare).
  std::vector<Pattern> narrative_comparisons;
  std::vector<Pattern> comparison_words;  // name = more | less | same
  std::vector<Pattern> token_joins;     // a token matching this continues the number before it
  // Misreadings of OCR in a whole cell (4.881.22 for 4,881.22) and their repair: attrs
  // "replace" is the RE2 rewrite (\1 …); applied to text read by OCR only.
  std::vector<Pattern> ocr_repairs;
  // Characters OCR reads for one another (match: one character, attrs "replace": the other),
  // tried on cells that break the accounts (pipeline/repair).
  std::vector<Pattern> ocr_confusions;
  // Words OCR misreads by a character or two (titles, labels), restored in text read by OCR.
  std::vector<std::string> ocr_vocabulary;
  // The classification lists (政府收支分类科目): code → name as printed.
  std::map<std::string, std::string> classification;
  // Other names a code was printed under in other years of the lists (30307 医疗费 before 2018).
  std::map<std::string, std::vector<std::string>> classification_former;
  // Derived on loading: ocr_vocabulary and the labels of header_labels (with their parts), the
  // words normalize::RestoreKnownWord restores.
  normalize::KnownWords known_words;
  // How an amount is classed in a Fiscal Data Package export: attrs "measure" (direction or
  // phase) and "against" (column_header, table_title, column_key or document_kind: the text the
  // pattern is matched with); name = the value (revenue, expenditure; approved, adjusted, executed).
  std::vector<Pattern> fdp_measures;
  Identities identities;
  // The audit (rules/audit.yaml): templates of the tables a document prints; notes that say a
  // table is empty on purpose; text a template left unfilled; years a title or sentence states
  // (group 1; attr in: titles or lines) that are neither the report's year nor the year before.
  std::vector<Template> templates;
  std::vector<Pattern> template_title_noise;  // taken out of a title before templates match it
  std::vector<Pattern> empty_table_notes;     // attr scope: page (the default) or document
  std::vector<Pattern> placeholders;
  std::vector<Pattern> stray_years;

  bool empty() const;
};

// Loads every *.yaml file in `dir`. REQUIRES: out != nullptr.
Status Load(const std::string& dir, RuleSet* out);

// Loads one YAML file's text (used by Load and by tests); `name` is used in messages.
Status LoadText(const std::string& name, const std::string& yaml, RuleSet* out);

// First pattern in `patterns` that matches anywhere in `text`; nullptr when none does.
const Pattern* FirstMatch(const std::vector<Pattern>& patterns, std::string_view text);

}  // namespace budgetx::rules
