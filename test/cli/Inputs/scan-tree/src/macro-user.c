#include "hv-wrap.h"
int macro_user(struct hv_pcibus_device *hbus) { return HV_ALLOC(&hbus->mem_config, hbus->hdev, 0); }
