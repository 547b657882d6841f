#include "bounds/Evaluator.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace mmio {

namespace {

/// Converts a value to an unsigned integer of `Width` bits the way C converts it to the parameter.
llvm::APInt convertTo(const llvm::APSInt &V, unsigned Width, bool ToBool) {
  if (ToBool)
    return llvm::APInt(1, V.isZero() ? 0 : 1);
  return V.isSigned() ? V.sextOrTrunc(Width) : V.zextOrTrunc(Width);
}

std::string typeName(QualType T, const ASTContext &Ctx) {
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressTagKeyword = false;
  return T.getAsString(Policy);
}

/// When the value written differs from the value passed (a negative number made unsigned, a truncation), says so:
/// "-1 converted to 'resource_size_t'". Empty when the conversion does not change the value.
std::string describeConversion(const Expr *Arg, const llvm::APInt &Passed, QualType ParamType, ASTContext &Ctx) {
  const auto *Cast = dyn_cast<ImplicitCastExpr>(Arg->IgnoreParens());
  if (!Cast)
    return "";
  const Expr *Written = Cast->getSubExpr();
  if (Written->isValueDependent() || Written->containsErrors())
    return "";
  Expr::EvalResult R;
  if (!Written->EvaluateAsInt(R, Ctx))
    return "";
  const llvm::APSInt &W = R.Val.getInt();
  bool Same = W.isSigned() ? (!W.isNegative() && W.getActiveBits() <= Passed.getBitWidth() &&
                              W.zextOrTrunc(Passed.getBitWidth()) == Passed)
                           : (W.getActiveBits() <= Passed.getBitWidth() &&
                              W.zextOrTrunc(Passed.getBitWidth()) == Passed);
  if (Same)
    return "";
  return (llvm::Twine(llvm::toString(W, 10)) + " converted to '" + typeName(ParamType, Ctx) + "'").str();
}

} // namespace

unsigned Evaluator::widthOf(QualType T) const { return Ctx.getIntWidth(T); }

Evaluation Evaluator::evaluateArgument(const Expr *Arg, QualType ParamType, llvm::StringRef RoleName) {
  QualType Canon = ParamType.getCanonicalType();
  bool IsInteger = Canon->isIntegralOrEnumerationType();
  unsigned Width = IsInteger ? widthOf(Canon) : Ctx.getTypeSize(Ctx.getSizeType());
  Evaluation E{ValueSet::unknown(Width), {}};
  if (!Arg)
    return E;
  SourceLocation Loc = Arg->getBeginLoc();
  if (!IsInteger || Arg->isValueDependent() || Arg->containsErrors() || Arg->isTypeDependent()) {
    E.Trail.push_back({Loc, (RoleName + " cannot be computed here").str()});
    return E;
  }

  Expr::EvalResult R;
  if (!Arg->EvaluateAsInt(R, Ctx)) {
    E.Trail.push_back({Loc, (RoleName + " is not a constant the analysis can compute").str()});
    return E;
  }
  llvm::APInt Passed = convertTo(R.Val.getInt(), Width, Canon->isBooleanType());
  E.Values = ValueSet::constant(Passed);
  std::string Text = (RoleName + " is " + toHex(Passed)).str();
  std::string Conversion = describeConversion(Arg, Passed, ParamType, Ctx);
  if (!Conversion.empty())
    Text += " (" + Conversion + ")";
  E.Trail.push_back({Loc, std::move(Text)});
  return E;
}

} // namespace mmio
