#include "pipeline/rules/rules.h"

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

namespace budgetx {
// Lets BOOST_TEST print codes; in namespace budgetx for argument-dependent lookup.
[[maybe_unused]] static std::ostream& operator<<(std::ostream& os, Status::Code code) {
  return os << "Status::Code(" << static_cast<int>(code) << ")";
}
}  // namespace budgetx

namespace budgetx::rules {
namespace {

namespace data = boost::unit_test::data;

const std::string kTestdata = std::string(BUDGETX_SOURCE_DIR) + "/pipeline/rules/testdata";

// One entry in every section; the line numbers below are asserted on.
const char kAll[] = R"(document_kinds:
  - {name: 部门预算, match: '部门预算'}
years:
  - name: year_with_nian
    match: '((?:19|20)\d\d)年'
issuers:
  - {match: '(\S+局)'}
table_titles:
  - {name: numbered, match: '(?P<number>表\d+)(?P<title>\S+)'}
table_units:
  - {match: '单位[:：](万元|元)'}
skip_lines:
  - {name: page_number, match: '^-\d+-$', kind: page_number}
table_ends:
  - {match: '^注[:：]'}
columns:
  - {key: total, match: '^合计$'}
  - {key: rate, match: '执行率', amount: false}
  - {key: total, match: '^总计$', amount: yes}
codes:
  - {name: 类, match: '\d{3}', level: 1}
  - {name: 款, match: '\d{5}', level: 2}
row_kinds:
  - {name: of_which, match: '^其中'}
narrative:
  - {name: income, match: '(?P<subject>收入)(?P<amount>[\d,]+)(?P<unit>万元)'}
token_joins:
  - {match: '^(?:个|人)'}
column_identities:
  - name: 结余 = 收入 - 支出
    target: balance
    parts: [income, -expense, '- transfer']
ratio_identities:
  - {name: 执行率, target: rate, numerator: actual, denominator: budget}
  - {name: 千分比, target: permille, numerator: a, denominator: b, scale: 1000}
cross_table:
  - name: 表1 支出总计 = 表3 支出总计
    left: {table: 收支总表, row: 支出总计}
    right: {table: 支出总表, row: 合计, column: total}
)";

RuleSet MustLoad(const std::string& yaml) {
  RuleSet rules;
  Status s = LoadText("good.yaml", yaml, &rules);
  BOOST_TEST_REQUIRE(s.ok(), s.ToString());
  return rules;
}

std::vector<std::string> Names(const std::vector<Pattern>& patterns) {
  std::vector<std::string> names;
  for (const auto& p : patterns) names.push_back(p.name);
  return names;
}

BOOST_AUTO_TEST_CASE(loads_every_section) {
  RuleSet r = MustLoad(kAll);
  BOOST_TEST(r.document_kinds.size() == 1u);
  BOOST_TEST(r.years.size() == 1u);
  BOOST_TEST(r.issuers.size() == 1u);
  BOOST_TEST(r.table_titles.size() == 1u);
  BOOST_TEST(r.table_units.size() == 1u);
  BOOST_TEST(r.skip_lines.size() == 1u);
  BOOST_TEST(r.table_ends.size() == 1u);
  BOOST_TEST(r.columns.size() == 3u);
  BOOST_TEST(r.codes.size() == 2u);
  BOOST_TEST(r.row_kinds.size() == 1u);
  BOOST_TEST(r.narrative.size() == 1u);
  BOOST_TEST(r.token_joins.size() == 1u);
  BOOST_TEST(r.identities.columns.size() == 1u);
  BOOST_TEST(r.identities.ratios.size() == 2u);
  BOOST_TEST(r.identities.cross_table.size() == 1u);
  BOOST_TEST(!r.empty());
}

BOOST_AUTO_TEST_CASE(known_words_are_the_vocabulary_and_the_header_labels_with_their_parts) {
  RuleSet r = MustLoad(
      "ocr_vocabulary:\n  - {word: 收支预算总表}\nheader_labels:\n  - {label: 财政拨款, parts: [小计, 一般公共预算]}\n"
      "classification:\n  - {code: '2010101', name: 行政运行}\n  - {code: '30307', name: 医疗费补助, former: [医疗费]}\n");
  BOOST_TEST(r.known_words.words() == (std::vector<std::string>{"一般公共预算", "小计", "收支预算总表", "财政拨款"}),
             boost::test_tools::per_element());
  BOOST_TEST(r.classification.at("2010101") == "行政运行");
  BOOST_TEST((r.classification_former.at("30307") == std::vector<std::string>{"医疗费"}));
}

BOOST_AUTO_TEST_CASE(pattern_keeps_name_text_and_source_line_of_match) {
  RuleSet r = MustLoad(kAll);
  BOOST_TEST(r.document_kinds[0].name == "部门预算");
  BOOST_TEST(r.years[0].name == "year_with_nian");
  BOOST_TEST(r.years[0].pattern == R"(((?:19|20)\d\d)年)");
  BOOST_TEST(r.years[0].source == "good.yaml:5");  // the line of `match`, not of the entry
  BOOST_TEST(r.document_kinds[0].source == "good.yaml:2");
  BOOST_TEST(r.identities.cross_table.size() == 1u);
  BOOST_TEST(r.token_joins[0].source == "good.yaml:28");
  BOOST_TEST(r.years[0].re->ok());
}

BOOST_AUTO_TEST_CASE(name_defaults_to_the_section) {
  RuleSet r = MustLoad(kAll);
  BOOST_TEST(r.issuers[0].name == "issuers");
  BOOST_TEST(r.table_units[0].name == "table_units");
  BOOST_TEST(r.token_joins[0].name == "token_joins");
}

BOOST_AUTO_TEST_CASE(extra_scalar_keys_become_attrs) {
  RuleSet r = MustLoad(kAll);
  BOOST_TEST(r.skip_lines[0].attrs.size() == 1u);
  BOOST_TEST(r.skip_lines[0].attrs.at("kind") == "page_number");
  BOOST_TEST(Names(r.codes) == (std::vector<std::string>{"类", "款"}), boost::test_tools::per_element());
  BOOST_TEST(r.codes[0].attrs.at("level") == "1");
  BOOST_TEST(r.codes[1].attrs.at("level") == "2");
  BOOST_TEST(r.years[0].attrs.at("in") == "lines");  // the default, stated
}

BOOST_AUTO_TEST_CASE(columns_take_key_as_name_and_default_to_amount) {
  RuleSet r = MustLoad(kAll);
  BOOST_TEST(r.columns[0].key == "total");
  BOOST_TEST(r.columns[0].match.name == "total");
  BOOST_TEST(r.columns[0].amount);
  BOOST_TEST(r.columns[1].key == "rate");
  BOOST_TEST(!r.columns[1].amount);
  // A repeated key adds another pattern for the same column.
  BOOST_TEST(r.columns[2].key == "total");
  BOOST_TEST(r.columns[2].amount);
  BOOST_TEST(r.columns[2].match.source == "good.yaml:19");
}

BOOST_AUTO_TEST_CASE(column_identity_parts_carry_signs) {
  RuleSet r = MustLoad(kAll);
  const auto& id = r.identities.columns.at(0);
  BOOST_TEST(id.name == "结余 = 收入 - 支出");
  BOOST_TEST(id.target == "balance");
  BOOST_TEST(id.parts == (std::vector<std::string>{"income", "expense", "transfer"}),
             boost::test_tools::per_element());
  BOOST_TEST(id.signs == (std::vector<int>{1, -1, -1}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ratio_scale_defaults_to_100) {
  RuleSet r = MustLoad(kAll);
  const auto& ratios = r.identities.ratios;
  BOOST_TEST(ratios[0].name == "执行率");
  BOOST_TEST(ratios[0].target == "rate");
  BOOST_TEST(ratios[0].numerator == "actual");
  BOOST_TEST(ratios[0].denominator == "budget");
  BOOST_TEST(ratios[0].scale == 100);
  BOOST_TEST(ratios[1].scale == 1000);
}

BOOST_AUTO_TEST_CASE(cross_table_selectors_map_table_row_column) {
  RuleSet r = MustLoad(kAll);
  const auto& id = r.identities.cross_table.at(0);
  BOOST_TEST(id.name == "表1 支出总计 = 表3 支出总计");
  BOOST_TEST(id.left.table_title == "收支总表");
  BOOST_TEST(id.left.row_label == "支出总计");
  BOOST_TEST(id.left.column == "");  // absent: the first amount column
  BOOST_TEST(id.right.table_title == "支出总表");
  BOOST_TEST(id.right.row_label == "合计");
  BOOST_TEST(id.right.column == "total");
}

BOOST_AUTO_TEST_CASE(a_template_lists_its_tables_in_order) {
  RuleSet r = MustLoad(
      "templates:\n  - {name: 决算, match: '^部门决算$'}\n"
      "template_tables:\n  - {template: 决算, name: 收入支出决算总表, match: 收入支出决算总表}\n"
      "  - {template: 决算, name: 政府性基金, match: 政府性基金, mandatory: false}\n");
  BOOST_REQUIRE_EQUAL(r.templates.size(), 1u);
  BOOST_TEST(r.templates[0].kinds.name == "决算");
  BOOST_REQUIRE_EQUAL(r.templates[0].tables.size(), 2u);
  BOOST_TEST(r.templates[0].tables[0].mandatory);
  BOOST_TEST(r.templates[0].tables[1].name == "政府性基金");
  BOOST_TEST(!r.templates[0].tables[1].mandatory);
}

BOOST_AUTO_TEST_CASE(patterns_capture_what_consumers_read) {
  RuleSet r = MustLoad(kAll);
  std::string number, title;
  BOOST_TEST(RE2::PartialMatch("表3一般公共预算支出表", *r.table_titles[0].re, &number, &title));
  BOOST_TEST(number == "表3");
  BOOST_TEST(title == "一般公共预算支出表");
  std::string year;
  BOOST_TEST(RE2::PartialMatch("2021年部门预算", *r.years[0].re, &year));
  BOOST_TEST(year == "2021");
}

BOOST_AUTO_TEST_CASE(first_match_returns_the_first_matching_pattern) {
  RuleSet r = MustLoad(R"(row_kinds:
  - {name: of_which, match: '^其中'}
  - {name: subtotal, match: '小计$'}
  - {name: total, match: '计$'}
)");
  const Pattern* p = FirstMatch(r.row_kinds, "其中：小计");
  BOOST_TEST_REQUIRE(p != nullptr);
  BOOST_TEST(p->name == "of_which");
  p = FirstMatch(r.row_kinds, "部门小计");
  BOOST_TEST_REQUIRE(p != nullptr);
  BOOST_TEST(p->name == "subtotal");  // "total" matches too but comes later
  BOOST_TEST(FirstMatch(r.row_kinds, "一般公共服务支出") == nullptr);
  BOOST_TEST(FirstMatch({}, "合计") == nullptr);
}

BOOST_AUTO_TEST_CASE(patterns_are_utf8) {
  // Under Latin-1, `.` would match one byte of the three-byte 〇, not the whole character.
  RuleSet r =
      MustLoad("table_ends:\n  - {name: one, match: '^二.年$'}\n  - {name: three, match: '^二...年$'}\n");
  const Pattern* p = FirstMatch(r.table_ends, "二〇年");
  BOOST_TEST_REQUIRE(p != nullptr);
  BOOST_TEST(p->name == "one");
}

BOOST_AUTO_TEST_CASE(empty_until_something_loads) {
  RuleSet r;
  BOOST_TEST(r.empty());
  BOOST_TEST(MustLoad("").empty());
  BOOST_TEST(MustLoad("# only a comment\n").empty());
  BOOST_TEST(MustLoad("columns: []\nyears: []\n").empty());
}

// One entry per section: empty() must look at every list, identities included.
const std::vector<std::string> kOneEntry = {
    "document_kinds: [{name: 部门预算, match: 预算}]",
    "years: [{match: '(\\d+)'}]",
    "issuers: [{match: '(.+局)'}]",
    "table_titles: [{match: '(?P<title>.+表)'}]",
    "table_units: [{match: '(万元)'}]",
    "skip_lines: [{match: '^-'}]",
    "table_ends: [{match: '^注'}]",
    "columns: [{key: total, match: 合计}]",
    "codes: [{match: '\\d{3}', level: 1}]",
    "row_kinds: [{name: total, match: 合计}]",
    "narrative: [{name: n, match: '(?P<subject>\\D+)(?P<amount>\\d+)'}]",
    "token_joins: [{match: '^人'}]",
    "column_identities: [{name: n, target: t, parts: [a]}]",
    "ratio_identities: [{name: n, target: t, numerator: a, denominator: b}]",
    "cross_table: [{name: n, left: {table: a}, right: {table: b}}]",
};

BOOST_DATA_TEST_CASE(one_entry_in_any_section_is_not_empty, data::make(kOneEntry), yaml) {
  BOOST_TEST(!MustLoad(yaml).empty());
}

BOOST_AUTO_TEST_CASE(load_text_appends) {
  RuleSet r = MustLoad("columns: [{key: total, match: 合计}]\n");
  Status s = LoadText("more.yaml", "columns: [{key: total, match: 总计}]\nyears: [{match: '(\\d+)'}]\n", &r);
  BOOST_TEST_REQUIRE(s.ok(), s.ToString());
  BOOST_TEST(r.columns.size() == 2u);
  BOOST_TEST(r.columns[0].match.source == "good.yaml:1");
  BOOST_TEST(r.columns[1].match.source == "more.yaml:1");
  BOOST_TEST(r.years.size() == 1u);
}

BOOST_AUTO_TEST_CASE(bad_regex_on_line_7_names_file_line_pattern_and_re2_reason) {
  const char yaml[] = R"(# Line 1
columns:
  - key: total
    match: '^合计$'
  - key: basic
    amount: true
    match: '基本(支出'
)";
  RuleSet r;
  Status s = LoadText("bad.yaml", yaml, &r);
  BOOST_TEST(s.code == Status::Code::kBadRule);
  BOOST_TEST(s.file == "bad.yaml");
  BOOST_TEST(s.line == 7);
  BOOST_TEST(s.ToString().rfind("bad.yaml:7: ", 0) == 0u, s.ToString());
  BOOST_TEST(s.message.find("columns entry 2") != std::string::npos, s.message);
  BOOST_TEST(s.message.find("'基本(支出'") != std::string::npos, s.message);
  BOOST_TEST(s.message.find("missing )") != std::string::npos, s.message);  // RE2's own error()
  BOOST_TEST(r.empty());
}

// A rule file that must be rejected, where, and a fragment the message must contain.
struct BadCase {
  const char* label;
  const char* yaml;
  int line;
  const char* says;
};

std::ostream& operator<<(std::ostream& os, const BadCase& c) { return os << c.label; }

const std::vector<BadCase> kBadCases = {
    {"yaml syntax", "columns:\n  - {key: a, match: 'x'\n", 3, "YAML error: end of map flow not found"},
    {"yaml bad indent", "years:\n  - match: a\n   name: b\n", 3, "YAML error:"},
    {"two documents", "columns: []\n---\nyears: []\n", 3, "more than one YAML document"},
    {"a stray comma after a section", "years: []\n,\n", 2, "YAML error:"},
    {"only a stray comma", ",", 1, "YAML error: unexpected ','"},
    {"top level sequence", "- columns\n", 1, "top level must be a mapping"},
    {"top level scalar", "columns\n", 1, "top level must be a mapping"},
    {"unknown section", "years: []\ncolums:\n  - {key: a, match: x}\n", 2,
     "unknown section 'colums' (valid: document_kinds, title_ends, years, issuers"},
    {"unknown section lists all", "x: []\n", 1,
     "token_joins, ocr_repairs, ocr_confusions, ocr_vocabulary, classification, column_identities, line_identities, "
     "ratio_identities, cross_table, narrative_links, fdp_measures, templates, template_tables, template_title_noise, empty_table_notes, placeholders, "
     "stray_years)"},
    {"template table before its template", "template_tables:\n  - {template: t, name: 收支总表, match: 收支总表}\n", 2,
     "template 't' is not defined in this file's templates"},
    {"line identity one part", "line_identities:\n  - {name: n, table: t, total: a, parts: [b]}\n", 2,
     "key 'parts' must list at least two line patterns"},
    {"line identity bad part", "line_identities:\n  - {name: n, table: t, total: a, parts: [b, '(']}\n", 2,
     "RE2 rejects pattern '('"},
    {"stray years in", "stray_years:\n  - {match: '(20\\d\\d)年', in: pages}\n", 2, "key 'in' must be lines or titles, got 'pages'"},
    {"section twice", "years: []\nyears: []\n", 2, "section 'years' appears twice"},
    {"classification code twice", "classification:\n  - {code: '201', name: a}\n  - {code: '201', name: b}\n", 3,
     "code 201 is listed twice"},
    {"classification code not digits", "classification:\n  - {code: 2O1, name: a}\n", 2, "code must be digits"},
    {"vocabulary word empty", "ocr_vocabulary:\n  - {word: ''}\n", 2, "word"},
    {"contents kind unknown", "contents_lines:\n  - {match: a, kind: toc}\n", 2,
     "key 'kind' must be heading or entry, got 'toc'"},
    {"section mapping", "columns:\n  key: a\n  match: b\n", 1, "section 'columns' must be a sequence"},
    {"section scalar", "years: '(\\d+)'\n", 1,
     "section 'years' must be a sequence of entries (use [] for none), got '(\\d+)'"},
    {"section empty", "table_ends:\n", 1, "section 'table_ends' must be a sequence"},
    {"entry scalar", "years:\n  - '(\\d+)年'\n", 2,
     "years entry 1: an entry must be a mapping with keys name, match"},
    {"entry sequence", "years:\n  - {match: '(\\d)'}\n  - [a, b]\n", 3,
     "years entry 2: an entry must be a mapping"},
    {"unknown key", "columns:\n  - key: a\n    match: x\n    amout: false\n", 4,
     "unknown key 'amout' (allowed: key, match, amount, holds)"},
    {"duplicate key", "columns:\n  - key: a\n    match: x\n    match: y\n", 4, "duplicate key 'match'"},
    {"confusion of two characters", "ocr_confusions:\n  - name: c\n    match: '38'\n    replace: '8'\n", 3,
     "match must be one plain character, got '38'"},
    {"repair names a missing group", "ocr_repairs:\n  - name: r\n    match: '(\\d)x'\n    replace: '\\2'\n", 4,
     "replace '\\2' does not fit match"},
    {"repair in an unknown place", "ocr_repairs:\n  - {name: r, match: x, replace: y, in: header}\n", 2,
     "key 'in' must be any or amount_column, got 'header'"},
    {"fdp value of another measure", "fdp_measures:\n  - {name: revenue, measure: phase, against: column_key, match: a}\n",
     2, "key 'name' is not a phase of a Fiscal Data Package: 'revenue'"},
    {"fdp text unknown", "fdp_measures:\n  - {name: revenue, measure: direction, against: row_name, match: a}\n", 2,
     "key 'against' must be one of column_header, table_title, column_key, document_kind, got 'row_name'"},
    {"missing match", "columns:\n  - key: a\n", 2, "columns entry 1: missing required key 'match'"},
    {"missing key", "columns:\n  - {match: a}\n", 2, "missing required key 'key'"},
    {"missing kind name", "document_kinds:\n  - {match: 预算}\n", 2, "missing required key 'name'"},
    {"issuer read from nothing", "issuers:\n  - {match: '(.+局)', in: cover}\n", 2,
     "issuers entry 1: key 'in' must be lines or title, got 'cover'"},
    {"header label missing", "header_labels:\n  - {parts: [小计]}\n", 2, "missing required key 'label'"},
    {"header label parts scalar", "header_labels:\n  - {label: 单位资金, parts: 小计}\n", 2,
     "key 'parts' must be a sequence of strings"},
    {"missing parts", "column_identities:\n  - {name: n, target: t}\n", 2, "missing required key 'parts'"},
    {"missing denominator", "ratio_identities:\n  - {name: n, target: t, numerator: a}\n", 2,
     "missing required key 'denominator'"},
    {"empty key", "columns:\n  - {key: '', match: a}\n", 2, "key 'key' must not be empty"},
    {"empty name", "skip_lines:\n  - {name: '', match: a}\n", 2, "key 'name' must not be empty"},
    {"empty match", "table_ends:\n  - name: x\n    match: ''\n", 3, "key 'match' must not be empty"},
    {"match sequence", "table_ends:\n  - name: x\n    match: [a, b]\n", 3,
     "key 'match' must be a string, got a sequence"},
    {"name mapping", "years:\n  - name: {a: b}\n    match: '(\\d)'\n", 2,
     "key 'name' must be a string, got a mapping"},
    {"amount maybe", "columns:\n  - key: a\n    match: x\n    amount: maybe\n", 4,
     "key 'amount' must be true or false, got 'maybe'"},
    {"holds money", "columns:\n  - key: a\n    match: x\n    holds: money\n", 4,
     "key 'holds' must be one of amount, percent, text, code, code_part, got 'money'"},
    {"level text", "codes:\n  - {match: '\\d{3}', level: x}\n", 2,
     "key 'level' must be an integer from 1 to 9, got 'x'"},
    {"level range", "codes:\n  - match: '\\d{3}'\n    level: 12\n", 3,
     "key 'level' must be an integer from 1 to 9"},
    {"kind sequence", "skip_lines:\n  - match: a\n    kind: [x]\n", 3, "key 'kind' must be a string"},
    {"parts scalar", "column_identities:\n  - name: n\n    target: t\n    parts: a + b\n", 4,
     "key 'parts' must be a sequence of strings, got 'a + b'"},
    {"parts nested",
     "column_identities:\n  - name: n\n    target: t\n    parts:\n      - a\n      - {b: c}\n", 6,
     "key 'parts' must hold only strings, got a mapping"},
    {"parts empty", "column_identities:\n  - {name: n, target: t, parts: []}\n", 2,
     "key 'parts' must list at least one column key"},
    {"part sign only", "column_identities:\n  - {name: n, target: t, parts: [a, '-']}\n", 2,
     "part without a column key: '-'"},
    {"scale text", "ratio_identities:\n  - {name: n, target: t, numerator: a, denominator: b, scale: x}\n", 2,
     "key 'scale' must be an integer from 1 to 1000000, got 'x'"},
    {"scale zero", "ratio_identities:\n  - {name: n, target: t, numerator: a, denominator: b, scale: 0}\n", 2,
     "key 'scale' must be an integer"},
    {"bad regex", "years:\n  - name: y\n    match: '(\\d+'\n", 3,
     "RE2 rejects pattern '(\\d+': missing ): (\\d+"},
    {"bad repetition", "table_ends:\n  - {match: '*注'}\n", 2,
     "RE2 rejects pattern '*注': no argument for repetition operator: *"},
    {"year without group", "years:\n  - match: '\\d{4}年'\n", 2,
     "pattern '\\d{4}年' needs at least 1 capture group(s), has 0"},
    {"issuer without group", "issuers:\n  - {match: '局'}\n", 2, "needs at least 1 capture group(s)"},
    {"unit without group", "table_units:\n  - {match: '万元'}\n", 2, "needs at least 1 capture group(s)"},
    {"title without title group", "table_titles:\n  - {match: '(?P<number>表\\d+)(.+)'}\n", 2,
     "needs the named group (?P<title>...)"},
    {"narrative without amount", "narrative:\n  - {name: n, match: '(?P<subject>收入)(\\d+)'}\n", 2,
     "needs the named group (?P<amount>...)"},
    {"narrative without subject", "narrative:\n  - {name: n, match: '收入(?P<amount>\\d+)'}\n", 2,
     "needs the named group (?P<subject>...)"},
    {"row kind name", "row_kinds:\n  - {name: total, match: 合计}\n  - name: totals\n    match: 总计\n", 3,
     "row_kinds entry 2: key 'name' must be one of total, subtotal, of_which, difference, got 'totals'"},
    {"selector scalar", "cross_table:\n  - name: n\n    left: 表1\n    right: {table: b}\n", 3,
     "key 'left' must be a mapping with keys table, row, column, got '表1'"},
    {"selector unknown key",
     "cross_table:\n  - name: n\n    left: {table: a}\n    right:\n      table: b\n      rows: c\n", 6,
     "unknown key 'right.rows' (allowed: table, row, column)"},
    {"selector missing table", "cross_table:\n  - name: n\n    left: {row: r}\n    right: {table: b}\n", 3,
     "missing required key 'left.table'"},
    {"selector missing", "cross_table:\n  - {name: n, left: {table: a}}\n", 2,
     "missing required key 'right'"},
    {"error after good entries",
     "columns:\n  - {key: a, match: x}\n  - {key: b, match: y}\n  - {key: c, match: '('}\n", 4,
     "columns entry 3: RE2 rejects pattern '('"},
};

BOOST_DATA_TEST_CASE(bad_rules_are_rejected_with_file_line_and_reason, data::make(kBadCases), bad) {
  RuleSet r = MustLoad(kAll);  // non-empty beforehand: an error must leave nothing behind
  Status s = LoadText("bad.yaml", bad.yaml, &r);
  BOOST_TEST_MESSAGE(s.ToString());  // --log_level=message shows every message the table produces
  BOOST_TEST(s.code == Status::Code::kBadRule, s.ToString());
  BOOST_TEST(s.file == "bad.yaml");
  BOOST_TEST(s.line == bad.line, s.ToString());
  std::string prefix = "bad.yaml:" + std::to_string(bad.line) + ": ";
  BOOST_TEST(s.ToString().rfind(prefix, 0) == 0u, s.ToString());
  BOOST_TEST(s.message.find(bad.says) != std::string::npos, s.message);
  BOOST_TEST(r.empty());
}

BOOST_AUTO_TEST_CASE(load_reads_yaml_and_yml_in_file_name_order) {
  RuleSet r;
  Status s = Load(kTestdata + "/good", &r);
  BOOST_TEST_REQUIRE(s.ok(), s.ToString());
  BOOST_TEST_REQUIRE(r.columns.size() == 3u);  // notes.txt is not read
  BOOST_TEST(r.columns[0].match.pattern == "^合计$");
  BOOST_TEST(r.columns[1].key == "name");
  BOOST_TEST(r.columns[2].match.pattern == "^总计$");
  BOOST_TEST(r.columns[0].match.source == kTestdata + "/good/a_columns.yaml:3");
  BOOST_TEST(r.columns[2].match.source == kTestdata + "/good/b_columns.yml:3");
}

BOOST_AUTO_TEST_CASE(load_error_in_a_later_file_leaves_nothing) {
  RuleSet r = MustLoad(kAll);
  Status s = Load(kTestdata + "/bad", &r);
  BOOST_TEST(s.code == Status::Code::kBadRule);
  BOOST_TEST(s.file == kTestdata + "/bad/b_bad.yaml");
  BOOST_TEST(s.line == 3);
  BOOST_TEST(s.message.find("'grand_total'") != std::string::npos, s.message);
  BOOST_TEST(r.empty());
}

BOOST_AUTO_TEST_CASE(load_missing_dir_is_not_found) {
  RuleSet r = MustLoad(kAll);
  Status s = Load(kTestdata + "/no_such_dir", &r);
  BOOST_TEST(s.code == Status::Code::kNotFound);
  BOOST_TEST(s.file == kTestdata + "/no_such_dir");
  BOOST_TEST(r.empty());
}

BOOST_AUTO_TEST_CASE(load_dir_without_yaml_is_not_found) {
  RuleSet r = MustLoad(kAll);
  Status s = Load(kTestdata + "/no_rules", &r);
  BOOST_TEST(s.code == Status::Code::kNotFound);
  BOOST_TEST(s.message.find("no *.yaml rule files") != std::string::npos, s.message);
  BOOST_TEST(r.empty());
}

BOOST_AUTO_TEST_CASE(load_a_file_instead_of_a_dir_is_not_found) {
  RuleSet r;
  Status s = Load(kTestdata + "/good/a_columns.yaml", &r);
  BOOST_TEST(s.code == Status::Code::kNotFound);
  BOOST_TEST(r.empty());
}

// The guide's examples are what rule writers copy, so each must load and add one rule.
BOOST_AUTO_TEST_CASE(readme_examples_load) {
  std::ifstream in(std::string(BUDGETX_SOURCE_DIR) + "/rules/README.md");
  BOOST_TEST_REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  const std::string md = text.str();
  int examples = 0;
  for (size_t at = md.find("```yaml\n"); at != std::string::npos; at = md.find("```yaml\n", at)) {
    at += 8;
    size_t end = md.find("```", at);
    BOOST_TEST_REQUIRE(end != std::string::npos);
    RuleSet r;
    Status s = LoadText("README.md example " + std::to_string(++examples), md.substr(at, end - at), &r);
    BOOST_TEST(s.ok(), s.ToString());
    BOOST_TEST(!r.empty());
    at = end + 3;
  }
  BOOST_TEST(examples == 34);  // one per section (templates and template_tables share one)
}

// The rules the pipeline ships with must always load; their content is checked by later stages.
BOOST_AUTO_TEST_CASE(project_rules_load) {
  RuleSet r;
  Status s = Load(std::string(BUDGETX_SOURCE_DIR) + "/rules", &r);
  BOOST_TEST_REQUIRE(s.ok(), s.ToString());
  BOOST_TEST(!r.empty());
}

}  // namespace
}  // namespace budgetx::rules
