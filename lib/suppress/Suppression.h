// Suppression comments (`mmio-audit: ignore[RULE] -- REASON`): parsing them and matching them to findings.
//
// Syntax, after clang-tidy's NOLINT and clazy's `clazy:exclude=`, with a reason that is not optional:
//
//   call(...); // mmio-audit: ignore[hyperv-config-window-below-4g] -- the host places this window itself
//   /* mmio-audit: ignore hyperv-config-window-below-4g,hyperv-config-window-fb-overlap -- REASON */
//
// Rule ids may be globs (`hyperv-*`, `*`). A comment covers a finding when it is on any line of the call (from its
// first token to its closing parenthesis, as written), on the line of the macro definition that spells the call,
// or in the block of comment-only lines directly above the call's first line. A comment without a reason, or that
// names no rule, covers the finding but does not silence it: front ends say why instead.
#ifndef MMIO_AUDIT_SUPPRESS_SUPPRESSION_H
#define MMIO_AUDIT_SUPPRESS_SUPPRESSION_H

#include "check/Finding.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace clang {
class SourceManager;
}

namespace mmio {

constexpr llvm::StringLiteral SuppressionMarker = "mmio-audit:";

struct SuppressionComment {
  FileLocation Where;             // the marker; `Where.File` as the compiler named the file
  clang::SourceLocation Loc;      // the marker, while its translation unit is alive (else invalid)
  std::vector<std::string> Rules; // rule ids or globs
  std::string Reason;             // the text after `--`
  std::string Problem;            // why the comment silences nothing; empty when it is well formed
  bool StandsAlone = false;       // only comment on its line, so it may cover the lines below

  bool valid() const { return Problem.empty(); }
  /// Whether the comment names `RuleId` (glob patterns included).
  bool names(llvm::StringRef RuleId) const;
};

/// The suppression comment on one line of source text, if it has one (a marker inside a comment, followed by
/// `ignore`). `Where` is left for the caller, except its column.
std::optional<SuppressionComment> parseSuppressionLine(llvm::StringRef Line);

/// Every suppression comment in a file's text, lines numbered from 1.
std::vector<SuppressionComment> scanSuppressions(llvm::StringRef Text, llvm::StringRef FileName);

/// The suppression comment that covers `F` and names its rule, if any (see the syntax above). A malformed comment
/// is returned too (check `valid()`): it covers the finding without silencing it. Needs `F.Loc`, so call it while
/// the translation unit is alive.
std::optional<SuppressionComment> findSuppression(const Finding &F, const clang::SourceManager &SM);

/// The comments of `All` that silenced nothing (not at a file and line of `Used`), malformed ones included, by file
/// and line: what `--list-unused-suppressions` reports.
std::vector<const SuppressionComment *> unusedSuppressions(const std::vector<SuppressionComment> &All,
                                                           const std::set<std::pair<std::string, unsigned>> &Used);

/// The note a front end attaches to a finding whose suppression comment is malformed.
std::string malformedSuppressionNote(const SuppressionComment &C);

} // namespace mmio

#endif
