#include "report/ReportCalls.h"

#include "mitigation/TreeMitigations.h"

namespace mmio {

std::vector<ReportCall> toReportCalls(const std::vector<CallSummary> &Calls, const AuditSession &Session,
                                      llvm::StringRef Directory, llvm::StringRef TranslationUnit) {
  std::vector<ReportCall> Out;
  for (const CallSummary &S : Calls) {
    ReportCall C;
    C.Begin = S.Expansion;
    if (!C.Begin.File.empty())
      C.Begin.File = absolutePath(C.Begin.File, Directory);
    C.Function = S.Function;
    C.Callee = S.Callee;
    for (unsigned I = 0; I < NumRoles; ++I)
      if (S.Bounds[I])
        C.Bounds[I] = boundsOf(*S.Bounds[I]);
    for (const auto &[Id, Outcome] : S.Verdicts) {
      CallVerdict V{Id, Outcome, ""};
      const Rule *Rl = Session.rules().findRule(Id);
      if (Outcome != Verdict::Holds && Rl)
        if (const FoundMitigation *M = mitigationFor(*Rl, Session.treeMitigations()))
          V.MitigatedBy = M->Spec->Id;
      C.Verdicts.push_back(std::move(V));
    }
    C.TranslationUnit = TranslationUnit.str();
    Out.push_back(std::move(C));
  }
  return Out;
}

namespace {

std::string boundsText(const std::optional<RoleBounds> &B) {
  if (!B || B->Unknown)
    return "unknown";
  std::string Out;
  for (const auto &[Lo, Hi] : B->Intervals)
    Out += (Out.empty() ? "" : " or ") + (Lo == Hi ? Lo : Lo + ".." + Hi);
  return Out.empty() ? "unknown" : Out;
}

} // namespace

std::string callLine(const ReportCall &C, llvm::StringRef SourceRoot) {
  std::string Out = relativeToRoot(C.Begin.File, SourceRoot) + ":" + std::to_string(C.Begin.Line) + ":" +
                    std::to_string(C.Begin.Column) + ": remark: " + C.Callee + " call in '" + C.Function + "':";
  bool First = true;
  for (unsigned I = 0; I < NumRoles; ++I) {
    Role R = static_cast<Role>(I);
    if (R == Role::Destination || !C.Bounds[I])
      continue;
    Out += (First ? " " : ", ") + roleName(R).str() + " = " + boundsText(C.Bounds[I]);
    First = false;
  }
  First = true;
  for (const CallVerdict &V : C.Verdicts) {
    Out += (First ? "; " : ", ") + V.RuleId + " " + verdictName(V.Outcome).str();
    if (!V.MitigatedBy.empty())
      Out += " (mitigated by " + V.MitigatedBy + ")";
    First = false;
  }
  return Out;
}

} // namespace mmio
