// Members of local aggregates as the flow analysis follows them: `v.f` and `v[i]`, with `v` a local struct or array
// variable (not through a pointer, not nested deeper).
#ifndef MMIO_AUDIT_BOUNDS_MEMBERREF_H
#define MMIO_AUDIT_BOUNDS_MEMBERREF_H

#include <optional>

namespace clang {
class Expr;
class FieldDecl;
class VarDecl;
} // namespace clang

namespace mmio {

/// What a member access names: the variable, and either the field or the index expression (still to evaluate).
struct MemberRef {
  const clang::VarDecl *Var = nullptr;
  const clang::FieldDecl *Field = nullptr;
  const clang::Expr *Index = nullptr;
};

/// `E` as a member of a local struct or array variable with an integer type, or nullopt: an arrow, a deeper chain,
/// a bit-field, a union, anything that is not an integer.
std::optional<MemberRef> memberRef(const clang::Expr *E);

/// The variable at the root of `v`, `v.f`, `v[i]`, `v.f[i].g`, ... (not through an arrow): what a pointer to any of
/// them can change, and what a write to any of them changes; null for anything else.
const clang::VarDecl *rootVariable(const clang::Expr *E);

/// Whether the flow analysis can follow `VD`'s members: a struct that is not a union, or an array of at most 64
/// integers.
bool isAggregateLocal(const clang::VarDecl *VD);

} // namespace mmio

#endif
