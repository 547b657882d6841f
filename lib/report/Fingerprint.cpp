#include "report/Fingerprint.h"

#include "report/Report.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SHA256.h"

#include <map>
#include <tuple>

namespace mmio {

std::string computeFingerprint(llvm::StringRef RuleId, llvm::StringRef RelativeFile, llvm::StringRef Function,
                               llvm::StringRef Callee, llvm::StringRef CallText, unsigned Occurrence) {
  llvm::SHA256 Hash;
  // Each field ends with a NUL, so no two different field lists hash the same bytes.
  for (llvm::StringRef Field : {RuleId, RelativeFile, Function, Callee, CallText}) {
    Hash.update(Field);
    Hash.update(llvm::ArrayRef<uint8_t>{0});
  }
  Hash.update(std::to_string(Occurrence));
  std::array<uint8_t, 32> Digest = Hash.final();
  return llvm::toHex(llvm::ArrayRef<uint8_t>(Digest.data(), 16), /*LowerCase=*/true);
}

void assignFingerprints(std::vector<ReportFinding> &Findings, llvm::StringRef SourceRoot) {
  using Key = std::tuple<std::string, std::string, std::string, std::string, std::string>;
  std::map<Key, unsigned> Seen;
  for (ReportFinding &F : Findings) {
    std::string Relative = relativeToRoot(F.Begin.File, SourceRoot);
    unsigned &Occurrence = Seen[Key(F.RuleId, Relative, F.Function, F.Callee, F.CallText)];
    F.Fingerprint = computeFingerprint(F.RuleId, Relative, F.Function, F.Callee, F.CallText, Occurrence++);
  }
}

} // namespace mmio
