// The fast selection's reading of one file (lib/select/FileSpelling): what makes a file one that may call.
#include "select/FileSpelling.h"

#include "gtest/gtest.h"

using namespace mmio;

namespace {

WantedNames allocator() {
  WantedNames N;
  N.Allocators.insert("vmbus_allocate_mmio");
  return N;
}

bool mayCall(llvm::StringRef Text, const WantedNames &N = allocator()) { return spellingOf(Text, N).MayCall; }

TEST(FileSpellingTest, FileScopeDeclaratorsDoNotCall) {
  EXPECT_FALSE(mayCall("int vmbus_allocate_mmio(struct resource **new, u64 min);"));
  EXPECT_FALSE(mayCall("extern int __must_check vmbus_allocate_mmio(void);"));
  EXPECT_FALSE(mayCall("int vmbus_allocate_mmio(void) { return 0; }"));
}

TEST(FileSpellingTest, UsesCall) {
  EXPECT_TRUE(mayCall("int f(void) { return vmbus_allocate_mmio(0); }"));
  EXPECT_TRUE(mayCall("int f(void) { int r; r = vmbus_allocate_mmio(0); return r; }"));
  // Inside a function, after a type name: `x * f(...)` and a declaration look alike; count it.
  EXPECT_TRUE(mayCall("int f(void) { u64 vmbus_allocate_mmio; }"));
  // At file scope, a use that is not a declarator: an address taken, an export, a pointer's initialiser.
  EXPECT_TRUE(mayCall("EXPORT_SYMBOL_GPL(vmbus_allocate_mmio);"));
  EXPECT_TRUE(mayCall("static void *p = &vmbus_allocate_mmio;"));
  EXPECT_TRUE(mayCall("static void *p = (void *)vmbus_allocate_mmio;"));
  EXPECT_TRUE(mayCall("typeof(vmbus_allocate_mmio) *q;"));
}

TEST(FileSpellingTest, CommentsLiteralsAndDirectivesDoNotCall) {
  EXPECT_FALSE(mayCall("/* vmbus_allocate_mmio(0) */ int x;"));
  EXPECT_FALSE(mayCall("// vmbus_allocate_mmio(0)\nint x;"));
  EXPECT_FALSE(mayCall("const char *s = \"vmbus_allocate_mmio(0)\";"));
  EXPECT_FALSE(mayCall("#ifdef vmbus_allocate_mmio\n#endif\n"));
  EXPECT_FALSE(mayCall("int f(void) { return vmbus_allocate_mmio_other(0); }"));
}

TEST(FileSpellingTest, MacrosThatSpellTheNameAreDerived) {
  FileSpelling S = spellingOf("#define HV_ALLOC(a) vmbus_allocate_mmio(a, 0)\n"
                              "#define HV_ALIAS vmbus_allocate_mmio\n"
                              "#define UNRELATED(a) other(a)\n",
                              allocator());
  EXPECT_FALSE(S.MayCall); // a definition makes no tokens until used
  EXPECT_EQ(S.Macros, (std::vector<std::string>{"HV_ALLOC", "HV_ALIAS"}));

  WantedNames N = allocator();
  N.Macros.insert("HV_ALLOC");
  EXPECT_TRUE(mayCall("int HV_ALLOC(x);", N)); // a derived macro counts wherever it is used
}

TEST(FileSpellingTest, MacrosThatPasteAPieceAreDerived) {
  EXPECT_EQ(spellingOf("#define HV_CALL(op) vmbus_ ## op\n", allocator()).Macros, std::vector<std::string>{"HV_CALL"});
  EXPECT_EQ(spellingOf("#define HV_TAIL(p) p##_mmio\n", allocator()).Macros, std::vector<std::string>{"HV_TAIL"});
  // Pasted parameters, or pieces too short to tell from any other paste, name nothing.
  EXPECT_TRUE(
      spellingOf("#define CAT(a, b) a##b\n#define U(x) __##x\n#define V(x) x##_io\n", allocator()).Macros.empty());
}

TEST(FileSpellingTest, PiecesJoinedForAPastingMacroCall) {
  EXPECT_TRUE(mayCall("int f(void) { return CAT(vmbus_, allocate_mmio)(0); }"));
  EXPECT_TRUE(mayCall("int f(void) { return CAT3(vmbus_, allocate, _mmio)(0); }"));
  EXPECT_TRUE(mayCall("int f(void) { return vmbus_ ## allocate_mmio; }"));
  // Pieces not joined by one `,` or `##`, or a first piece shorter than MinPastedPiece.
  EXPECT_FALSE(mayCall("int f(void) { vmbus_ = allocate_mmio; }"));
  EXPECT_FALSE(mayCall("int f(void) { return CAT(vmb, us_allocate_mmio)(0); }"));
}

TEST(FileSpellingTest, PieceMacros) {
  FileSpelling S = spellingOf("#define HV_PREFIX vmbus_\n#define NOT_A_PIECE vmbus_x\n", allocator());
  ASSERT_EQ(S.PieceMacros.size(), 1u);
  EXPECT_EQ(S.PieceMacros[0].first, "HV_PREFIX");
  EXPECT_EQ(S.PieceMacros[0].second, "vmbus_");

  WantedNames N = allocator();
  N.PieceMacros["HV_PREFIX"] = "vmbus_";
  EXPECT_TRUE(mayCall("int f(void) { return XCAT(HV_PREFIX, allocate_mmio)(0); }", N));
}

TEST(FileSpellingTest, WholeWordsAndWordStarts) {
  llvm::StringSet<> Names;
  Names.insert("vmbus_allocate_mmio");
  EXPECT_TRUE(spellsAnyOf("x = vmbus_allocate_mmio(", Names));
  EXPECT_FALSE(spellsAnyOf("x = vmbus_allocate_mmio_v2(", Names));
  EXPECT_FALSE(spellsAnyOf("x = my_vmbus_allocate_mmio(", Names));
  llvm::StringSet<> Heads;
  Heads.insert("vmbu");
  EXPECT_TRUE(spellsAnyOf("CAT(vmbus_, allocate_mmio)", Heads, /*WordStartOnly=*/true));
  EXPECT_FALSE(spellsAnyOf("hvmbus", Heads, /*WordStartOnly=*/true));
}

TEST(FileSpellingTest, Includes) {
  bool Computed = false;
  std::vector<std::string> I = includesOf("#include <linux/hyperv.h>\n"
                                          "  #  include \"../pci.h\"\n"
                                          "#include_next <limits.h>\n"
                                          "x = a # b;\n"
                                          "#define X 1\n",
                                          Computed);
  EXPECT_EQ(I, (std::vector<std::string>{"linux/hyperv.h", "../pci.h", "limits.h"}));
  EXPECT_FALSE(Computed);
  includesOf("#include TRACE_INCLUDE(TRACE_INCLUDE_FILE)\n", Computed);
  EXPECT_TRUE(Computed);
}

} // namespace
