// Reads one mapping of the ruleset schema from a table of keys, each declared once beside the code that reads it.
//
// Free of yaml-cpp (its types are only declared here), so code built without exceptions can declare a table.
#ifndef MMIO_AUDIT_RULES_DICTPARSER_H
#define MMIO_AUDIT_RULES_DICTPARSER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <functional>
#include <string>
#include <vector>

namespace YAML {
class Node;
} // namespace YAML

namespace mmio {

struct Field;
class Fields;
class FieldReader;

/// Reading a mapping goes: every entry collected (a repeated key, or a key that is not a name, is an error); the
/// keys declared with first() read; any key not declared is an error, then any required key missing; then every
/// handler of a key that is present runs, with the steps declared with then(), in the order they were declared, so a
/// handler can use what an earlier one stored. The first error stops the reading.
class DictParser {
public:
  using KeyHandler = std::function<llvm::Error(const Field &)>;
  using Step = std::function<llvm::Error()>;

  /// `What` names the mapping in messages: "rule", "'require'".
  DictParser(FieldReader &In, llvm::StringRef What);
  ~DictParser();

  DictParser &required(llvm::StringRef Key, KeyHandler Read);
  DictParser &optional(llvm::StringRef Key, KeyHandler Read);
  /// A required key read before the others are even checked: it decides how they are read (a ruleset's version).
  DictParser &first(llvm::StringRef Key, KeyHandler Read);
  /// Runs at its place in the order whether or not any key is present: for checks across keys.
  DictParser &then(Step Check);
  /// Handlers run in the order the keys appear in the document; for mappings whose keys do not depend on each other,
  /// so the first problem in the file is the one reported. Steps cannot be used with it.
  DictParser &inDocumentOrder();
  /// Called after the keys are checked when the mapping has none, instead of the handlers.
  DictParser &ifEmpty(std::function<llvm::Error(const YAML::Node &Map)> Report);

  /// The declared keys in declaration order, "a, b, c": what the messages offer.
  std::string keyList() const;

  /// Reads `F`'s value, which must be a mapping.
  llvm::Error parse(const Field &F);
  /// Reads `Map`, known to be a mapping (the top of a document).
  llvm::Error parseMapping(const YAML::Node &Map);

  /// While parse runs: the entry given for `Key`, if any, for a handler that checks a sibling.
  const Field *get(llvm::StringRef Key) const;

private:
  enum class Kind { Optional, Required, First, Step };
  struct Entry {
    std::string Key; // empty for a step
    Kind K;
    KeyHandler Read;
    Step Check;
  };
  const Entry *find(llvm::StringRef Key) const;

  FieldReader &In;
  std::string What;
  std::vector<Entry> Table;
  bool DocumentOrder = false;
  std::function<llvm::Error(const YAML::Node &)> OnEmpty;
  const Fields *Current = nullptr;
};

} // namespace mmio

#endif
