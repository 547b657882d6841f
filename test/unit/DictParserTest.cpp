// Unit tests of the dictionary parser that reads every mapping of the ruleset schema: the errors it gives for
// unknown, missing and repeated keys with their line:column, and the order in which it runs handlers.
#include "rules/DictParser.h"
#include "rules/RulesetError.h"
#include "rules/YamlDocument.h"

#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include "gtest/gtest.h"

#include <string>
#include <vector>

using namespace mmio;
using llvm::Error;
using llvm::StringRef;

namespace {

DictParser::KeyHandler note(std::vector<std::string> &Log, StringRef Key);

/// "LINE:COL: MESSAGE" of E, or "no error"; the file name is checked here once for all.
std::string describe(Error E) {
  if (!E)
    return "no error";
  std::string Out;
  llvm::handleAllErrors(
      std::move(E),
      [&](const RulesetError &R) {
        EXPECT_EQ(R.location().File, "dict.yaml");
        Out = (llvm::Twine(R.location().Line) + ":" + llvm::Twine(R.location().Column) + ": " + R.text()).str();
      },
      [&](const llvm::ErrorInfoBase &Other) { Out = "not a RulesetError: " + Other.message(); });
  return Out;
}

/// The error reading Text with the table Declare fills.
std::string errorOf(StringRef Text, const std::function<void(DictParser &)> &Declare) {
  return describe(readYamlDocument(Text, "dict.yaml", [&](FieldReader &In, const YAML::Node &Top) {
    DictParser Dict(In, "thing");
    Declare(Dict);
    return Dict.parseMapping(Top);
  }));
}

/// The error reading Text, whose key `inner` holds a mapping read with a table of one required key `p`.
std::string nestedErrorOf(StringRef Text, std::vector<std::string> &Log) {
  return describe(readYamlDocument(Text, "dict.yaml", [&](FieldReader &In, const YAML::Node &Top) {
    DictParser Dict(In, "thing");
    // The handler needs no yaml-cpp type: it hands the field on to the inner table.
    Dict.required("inner",
                  [&](const Field &F) { return DictParser(In, "'inner'").required("p", note(Log, "p")).parse(F); });
    return Dict.parseMapping(Top);
  }));
}

/// A handler that notes its key in Log.
DictParser::KeyHandler note(std::vector<std::string> &Log, StringRef Key) {
  return [&Log, Key = Key.str()](const Field &) {
    Log.push_back(Key);
    return Error::success();
  };
}

/// A table of three keys, `a` required; each handler notes its key.
std::function<void(DictParser &)> abc(std::vector<std::string> &Log) {
  return [&Log](DictParser &D) {
    D.required("a", note(Log, "a")).optional("b", note(Log, "b")).optional("c", note(Log, "c"));
  };
}

TEST(DictParserTest, ReadsDeclaredKeys) {
  std::vector<std::string> Log;
  EXPECT_EQ(errorOf("a: 1\nb: 2\n", abc(Log)), "no error");
  EXPECT_EQ(Log, (std::vector<std::string>{"a", "b"}));
}

TEST(DictParserTest, UnknownKey) {
  std::vector<std::string> Log;
  EXPECT_EQ(errorOf("a: 1\n  # comment\nbogus: 2\n", abc(Log)),
            "3:1: unknown key 'bogus' in thing (expected one of: a, b, c)");
  // Keys are checked before any is read.
  EXPECT_TRUE(Log.empty());
}

TEST(DictParserTest, MissingRequiredKeyPointsAtTheMapping) {
  std::vector<std::string> Log;
  EXPECT_EQ(errorOf("\n\n  b: 2\n  c: 3\n", abc(Log)), "3:3: missing required key 'a' in thing");
  EXPECT_TRUE(Log.empty());
  // An unknown key is reported before a missing one.
  EXPECT_EQ(errorOf("b: 2\nd: 4\n", abc(Log)), "2:1: unknown key 'd' in thing (expected one of: a, b, c)");
}

TEST(DictParserTest, DuplicateKeyNamesBothPlaces) {
  std::vector<std::string> Log;
  EXPECT_EQ(errorOf("a: 1\nb: 2\nb: 3\n", abc(Log)), "3:1: duplicate key 'b' in thing (first given at dict.yaml:2:1)");
  // Even for a key the table does not know: the entries are collected first.
  EXPECT_EQ(errorOf("x: 1\nx: 2\n", abc(Log)), "2:1: duplicate key 'x' in thing (first given at dict.yaml:1:1)");
  EXPECT_TRUE(Log.empty());
}

TEST(DictParserTest, KeyMustBeAName) {
  std::vector<std::string> Log;
  EXPECT_EQ(errorOf("a: 1\n[x]: 2\n", abc(Log)), "2:1: expected a key name in thing, found a sequence");
}

TEST(DictParserTest, HandlersRunInDeclarationOrder) {
  std::vector<std::string> Log;
  EXPECT_EQ(errorOf("c: 3\nb: 2\na: 1\n", abc(Log)), "no error");
  EXPECT_EQ(Log, (std::vector<std::string>{"a", "b", "c"}));
}

TEST(DictParserTest, InDocumentOrder) {
  std::vector<std::string> Log;
  EXPECT_EQ(errorOf("c: 3\nb: 2\na: 1\n",
                    [&](DictParser &D) {
                      abc(Log)(D);
                      D.inDocumentOrder();
                    }),
            "no error");
  EXPECT_EQ(Log, (std::vector<std::string>{"c", "b", "a"}));
}

TEST(DictParserTest, FirstKeyIsReadBeforeOthersAreChecked) {
  std::vector<std::string> Log;
  auto Versioned = [&](DictParser &D) {
    D.first("version", [](const Field &) { return makeRulesetError(FileLocation{"dict.yaml", 9, 9}, "too new"); });
    abc(Log)(D);
  };
  EXPECT_EQ(errorOf("version: 2\nnew-key: 1\n", Versioned), "9:9: too new");
  EXPECT_EQ(errorOf("new-key: 1\n", Versioned), "1:1: missing required key 'version' in thing");
}

TEST(DictParserTest, StepsRunInPlaceWhetherOrNotKeysArePresent) {
  std::vector<std::string> Log;
  auto Table = [&](DictParser &D) {
    D.optional("a", note(Log, "a"))
        .then([&] {
          Log.push_back("step");
          return Error::success();
        })
        .optional("b", note(Log, "b"));
  };
  EXPECT_EQ(errorOf("b: 1\na: 2\n", Table), "no error");
  EXPECT_EQ(Log, (std::vector<std::string>{"a", "step", "b"}));
  Log.clear();
  EXPECT_EQ(errorOf("{}\n", Table), "no error");
  EXPECT_EQ(Log, std::vector<std::string>{"step"});
}

TEST(DictParserTest, FirstErrorStops) {
  std::vector<std::string> Log;
  auto Table = [&](DictParser &D) {
    D.optional("a", [](const Field &) {
       return makeRulesetError(FileLocation{"dict.yaml", 1, 4}, "bad a");
     }).optional("b", note(Log, "b"));
  };
  EXPECT_EQ(errorOf("b: 1\na: 2\n", Table), "1:4: bad a");
  EXPECT_TRUE(Log.empty());
}

TEST(DictParserTest, IfEmpty) {
  std::vector<std::string> Log;
  auto Table = [&](DictParser &D) {
    D.optional("x", note(Log, "x")).optional("y", note(Log, "y")).ifEmpty([&D](const YAML::Node &) {
      return makeRulesetError(FileLocation{"dict.yaml", 1, 1}, "nothing given (expected one of: " + D.keyList() + ")");
    });
  };
  EXPECT_EQ(errorOf("{}\n", Table), "1:1: nothing given (expected one of: x, y)");
  EXPECT_EQ(errorOf("y: 1\n", Table), "no error");
  EXPECT_EQ(Log, std::vector<std::string>{"y"});
}

TEST(DictParserTest, NestedMappings) {
  std::vector<std::string> Log;
  EXPECT_EQ(nestedErrorOf("inner:\n  p: 1\n", Log), "no error");
  EXPECT_EQ(Log, std::vector<std::string>{"p"});
  EXPECT_EQ(nestedErrorOf("inner:\n  p: 1\n  q: 2\n", Log), "3:3: unknown key 'q' in 'inner' (expected one of: p)");
  EXPECT_EQ(nestedErrorOf("inner: {q: 2}\n", Log), "1:9: unknown key 'q' in 'inner' (expected one of: p)");
  EXPECT_EQ(nestedErrorOf("inner: {}\n", Log), "1:8: missing required key 'p' in 'inner'");
  EXPECT_EQ(nestedErrorOf("inner: [1]\n", Log), "1:8: expected a mapping for 'inner', found a sequence");
  // An empty value is reported at its key: yaml-cpp places it at whatever follows.
  EXPECT_EQ(nestedErrorOf("inner:\n\n", Log), "1:1: expected a mapping for 'inner', found null");
}

TEST(DictParserTest, TopMustBeAMapping) {
  std::vector<std::string> Log;
  EXPECT_EQ(errorOf("- a\n", abc(Log)), "1:1: expected a mapping at the top of the ruleset, found a sequence");
}

} // namespace
