// Reads typed values out of yaml-cpp nodes; every problem becomes a RulesetError at the node's line and column.
//
// Includes yaml-cpp, which throws: only files built with -fexceptions include this (see lib/CMakeLists.txt).
#ifndef MMIO_AUDIT_RULES_YAMLFIELDS_H
#define MMIO_AUDIT_RULES_YAMLFIELDS_H

#include "source/FileLocation.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mmio {

/// A key of a mapping with its value. Elements of a sequence are read as Fields too, named after the key that holds
/// the sequence, so one set of readers serves both and every message can name the key.
struct Field {
  std::string Name;
  YAML::Node Key;
  YAML::Node Value;

  /// yaml-cpp places an empty value at whatever token follows it, often on the next line; the key is where the
  /// user needs to look.
  const YAML::Node &valueNode() const { return Value.IsNull() ? Key : Value; }
  Field element(const YAML::Node &Elem) const { return Field{Name, Key, Elem}; }
};

/// The entries of one mapping, in document order, with an index so lookups stay cheap on large mappings.
class Fields {
public:
  const Field *get(llvm::StringRef Name) const {
    auto It = Index.find(Name);
    return It == Index.end() ? nullptr : &List[It->second];
  }
  /// Callers check get() first: a repeated key is an error they report with both locations.
  void add(Field F) {
    Index.try_emplace(F.Name, List.size());
    List.push_back(std::move(F));
  }
  const std::vector<Field> &entries() const { return List; }
  bool empty() const { return List.empty(); }

private:
  std::vector<Field> List;
  llvm::StringMap<size_t> Index;
};

/// yaml-cpp counts from 0; editors and compilers count from 1. A null mark gives line and column 0.
FileLocation locationOf(llvm::StringRef File, const YAML::Mark &M);
/// "FILE:LINE:COL", for messages that point at a second place.
std::string formatLocation(const FileLocation &L);
/// "0x1f": how numbers read in messages.
std::string hex(uint64_t V);
/// How a node reads in "found ..." messages: its text (cut short) when it is a scalar, its kind otherwise.
std::string describe(const YAML::Node &N);
bool isCIdentifier(llvm::StringRef S);

enum class LiteralStatus { Ok, Malformed, TooBig };
/// Integer literals: decimal, 0x hex, 0o or leading-0 octal (C's spelling, which kernel headers use), 0b binary,
/// with `_` allowed between two digits. LeadingZeroOctal tells the caller why "08" was refused.
LiteralStatus parseLiteral(llvm::StringRef Text, uint64_t &Value, bool &LeadingZeroOctal);

/// The readers of one document: the file name that every error carries, and the count of nodes visited so far.
class FieldReader {
public:
  explicit FieldReader(std::string File) : File(std::move(File)) {}

  const std::string &file() const { return File; }
  FileLocation locationOf(const YAML::Node &N) const { return mmio::locationOf(File, N.Mark()); }
  llvm::Error errorAt(const YAML::Node &N, const llvm::Twine &Message) const;
  /// "expected EXPECTED for 'NAME', found ...", at the value.
  llvm::Error typeError(const Field &F, const llvm::Twine &Expected) const;

  /// Counts a node towards the cap on nodes (see YamlFields.cpp); an error once it is passed.
  llvm::Error visit(const YAML::Node &N);

  llvm::Error expectMapping(const Field &F) const;
  /// A mapping's entries, each key and value visited. A repeated key is an error: yaml-cpp keeps both and a lookup
  /// would silently see one. `What` names the mapping in messages ("rule", "'params'").
  llvm::Expected<Fields> collectFields(const YAML::Node &Map, llvm::StringRef What);
  /// The elements of a sequence-valued field, each visited.
  llvm::Expected<std::vector<Field>> readSequence(const Field &F);
  /// A field that may hold one value or a sequence of them (`no-overlap: fb` or `no-overlap: [fb, low]`); `Noun`
  /// says what one value is, for the message when it is neither.
  llvm::Expected<std::vector<Field>> readOneOrMany(const Field &F, llvm::StringRef Noun);
  /// readOneOrMany, each value checked to be a non-empty string.
  llvm::Expected<std::vector<Field>> readStrings(const Field &F, llvm::StringRef Noun);

  llvm::Expected<std::string> readString(const Field &F) const;
  llvm::Expected<std::string> readNonEmptyString(const Field &F) const;
  /// A string from a fixed set, such as `severity: warning`.
  llvm::Expected<std::string> readKeyword(const Field &F, llvm::ArrayRef<llvm::StringRef> Allowed) const;
  /// Only true and false (in YAML's three capitalisations).
  llvm::Expected<bool> readBool(const Field &F) const;
  /// A literal (parseLiteral), or the name of one of `Constants`.
  llvm::Expected<uint64_t> readNumber(const Field &F, const std::map<std::string, uint64_t> &Constants) const;

private:
  std::string File;
  unsigned Visited = 0;
};

} // namespace mmio

#endif
