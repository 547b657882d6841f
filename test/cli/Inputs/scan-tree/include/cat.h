/* Generic pasting macros, as <linux/compiler_types.h> has them: they name nothing. */
#define CAT(a, b) a##b
#define XCAT(a, b) CAT(a, b)
