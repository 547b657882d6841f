/* tree-b's own header: where this backport keeps the config window's lower bound. */
#ifndef HV_CONFIG_H
#define HV_CONFIG_H
#include <linux/sizes.h>
#define HV_CONFIG_MIN SZ_4G
#endif
