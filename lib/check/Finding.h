// A finding: one rule's verdict on one allocator call, with everything any report needs to present it.
#ifndef MMIO_AUDIT_CHECK_FINDING_H
#define MMIO_AUDIT_CHECK_FINDING_H

#include "bounds/ValueSet.h"
#include "rules/Ruleset.h"
#include "source/FileLocation.h"

#include "clang/Basic/SourceLocation.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class SourceManager;
}

namespace mmio {

enum class Verdict { Violated, Holds, Unknown };
llvm::StringRef verdictName(Verdict V);

struct FindingNote {
  clang::SourceLocation Loc; // may be invalid: then `Where` (e.g. a line of the ruleset) or nothing
  FileLocation Where;
  std::string Message;
};

/// Replace the text in `Range` (in a file, never inside a macro definition) with `Replacement`.
struct FindingFix {
  clang::CharSourceRange Range;
  FileLocation Begin;
  unsigned Offset = 0; // byte offset of the range in its file, for replacement files
  unsigned Length = 0;
  std::string Replacement;
};

/// The id of findings that are errors of the ruleset's met at a call (an argument index the call does not have),
/// not a rule's verdict.
inline constexpr const char *RulesetErrorId = "mmio-audit-ruleset";

struct Finding {
  std::string RuleId;
  Severity Level = Severity::Warning;
  Verdict Outcome = Verdict::Violated;
  std::string Message; // placeholders filled, without the rule id

  clang::SourceLocation Loc; // the call, possibly inside a macro expansion
  FileLocation Expansion;    // where the user wrote it
  FileLocation Spelling;     // where its text is (differs inside macros)
  std::string Function;      // enclosing function; empty at file scope
  std::string Callee;
  /// The call's source text as written, whitespace collapsed: what identifies the call when lines move.
  std::string CallText;
  std::array<std::optional<ValueSet>, NumRoles> Bounds; // each evaluated role's values
  std::vector<FindingNote> Notes;
  std::optional<FindingFix> Fix;

  const std::optional<ValueSet> &bound(Role R) const { return Bounds[static_cast<unsigned>(R)]; }
};

} // namespace mmio

#endif
