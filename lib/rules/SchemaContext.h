// What the readers of one ruleset's schema share: the ruleset built so far, and indexes into it.
//
// Includes yaml-cpp: only for the schema's files, which are built with -fexceptions.
#ifndef MMIO_AUDIT_RULES_SCHEMACONTEXT_H
#define MMIO_AUDIT_RULES_SCHEMACONTEXT_H

#include "rules/DictParser.h"
#include "rules/Ruleset.h"
#include "rules/YamlFields.h"

#include "llvm/ADT/StringMap.h"

#include <vector>

namespace mmio {

struct SchemaContext {
  explicit SchemaContext(FieldReader &In) : In(In) {}

  FieldReader &In;
  Ruleset Result;
  // Indexes into Result, so duplicate checks and cross-references stay linear however large the file is.
  llvm::StringMap<size_t> RangeIndex;
  llvm::StringMap<size_t> AllocatorIndex;
  llvm::StringMap<size_t> RuleIndex;
  // implied-by entries of Result.Rules[I], resolved once every rule id is known (they may name later rules).
  std::vector<std::vector<Field>> ImpliedBy;

  /// A number, which may name a constant defined above it.
  llvm::Expected<uint64_t> number(const Field &F) const { return In.readNumber(F, Result.Constants); }

  /// Handlers for keys whose value is only read and stored in `Out`.
  template <typename T> DictParser::KeyHandler stringInto(T &Out) {
    return [this, &Out](const Field &F) { return In.readString(F).moveInto(Out); };
  }
  template <typename T> DictParser::KeyHandler numberInto(T &Out) {
    return [this, &Out](const Field &F) { return number(F).moveInto(Out); };
  }
  template <typename T> DictParser::KeyHandler boolInto(T &Out) {
    return [this, &Out](const Field &F) { return In.readBool(F).moveInto(Out); };
  }
};

/// "destination, min, ...": the roles, for messages that list them.
std::string roleList(bool WithDestination);

/// The `mitigations:` sequence (MitigationSchema.cpp).
llvm::Error readMitigations(SchemaContext &C, const Field &F);

/// The `rules:` sequence: every rule, then the `implied-by` references between them.
llvm::Error readRules(SchemaContext &C, const Field &F);

} // namespace mmio

#endif
