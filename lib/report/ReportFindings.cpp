#include "report/ReportFindings.h"

#include "input/PrintableText.h"
#include "report/FindingRenderer.h"
#include "source/CallExtent.h"

#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace mmio {

namespace {

FileLocation absolute(FileLocation L, llvm::StringRef Directory) {
  if (!L.File.empty())
    L.File = absolutePath(L.File, Directory);
  return L;
}

/// The file a location is physically in, as opened (not as `#line` names it): what a fix must edit.
std::string physicalFile(const SourceManager &SM, SourceLocation Loc, llvm::StringRef Directory) {
  OptionalFileEntryRef FE = SM.getFileEntryRefForID(SM.getFileID(SM.getFileLoc(Loc)));
  return FE ? absolutePath(FE->getName(), Directory) : std::string();
}

} // namespace

UnitReportFindings toReportFindings(const std::vector<AuditedFinding> &Findings, SourceManager &SM,
                                    const LangOptions &LangOpts, const ReportFindingOptions &Options) {
  UnitReportFindings Out;
  FindingRenderer Renderer(SM, LangOpts, Options.Colors, Options.TextPrefix);
  for (const AuditedFinding &A : Findings) {
    const Finding &F = A.F;
    ReportFinding R;
    R.RuleId = F.RuleId;
    R.Level = F.Level;
    R.Outcome = F.Outcome;
    R.Message = F.Message;
    R.Begin = absolute(F.Expansion, Options.Directory);
    if (CharSourceRange Extent = callExtent(F.Loc, SM); Extent.isValid())
      R.End = absolute(resolveLocation(SM, Extent.getEnd()), Options.Directory);
    R.Function = F.Function;
    R.Callee = F.Callee;
    R.CallText = F.CallText;
    for (unsigned I = 0; I < NumRoles; ++I)
      if (F.Bounds[I])
        R.Bounds[I] = boundsOf(*F.Bounds[I]);
    for (const FindingNote &N : F.Notes) {
      // A note without a place in the unit points into the ruleset, whose path the front end made absolute.
      FileLocation Where = N.Where;
      if (N.Loc.isValid())
        Where = absolute(Where, Options.Directory);
      R.Notes.push_back({std::move(Where), N.Message});
    }
    if (F.Fix) {
      ReportFix Fix;
      Fix.Begin = F.Fix->Begin;
      Fix.Begin.File = physicalFile(SM, F.Fix->Range.getBegin(), Options.Directory);
      Fix.End = resolveLocation(SM, F.Fix->Range.getEnd());
      Fix.End.File = Fix.Begin.File;
      Fix.Offset = F.Fix->Offset;
      Fix.Length = F.Fix->Length;
      Fix.Replacement = F.Fix->Replacement;
      bool Invalid = false;
      llvm::StringRef Buffer = SM.getBufferData(SM.getFileID(F.Fix->Range.getBegin()), &Invalid);
      if (!Invalid && Fix.Offset + Fix.Length <= Buffer.size())
        Fix.Original = Buffer.substr(Fix.Offset, Fix.Length).str();
      R.Fix = std::move(Fix);
    }
    R.TranslationUnit = Options.TranslationUnit;

    if (A.SuppressedBy) {
      FileLocation Where = absolute(A.SuppressedBy->Where, Options.Directory);
      R.Suppressed = ReportSuppression{Where, A.SuppressedBy->Reason};
      Out.UsedSuppressions.push_back(std::move(Where));
    }
    if (A.MitigatedBy) {
      const MitigationSpec &M = *A.MitigatedBy->Spec;
      R.Mitigated = ReportMitigation{M.Id, M.Commit, printableText(M.Subject), M.Function, A.MitigatedBy->Where};
    }
    if (Options.RenderText && !R.Suppressed)
      R.Rendered = Renderer.render(F);
    Out.Findings.push_back(std::move(R));
  }
  return Out;
}

} // namespace mmio
