#include "shared-header.h"
int one(struct hv_pcibus_device *h) { return shared_cfg(h); }
