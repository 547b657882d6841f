/* The lowest address window.c asks for. */
#define CFG_MIN SZ_4G
