#include <cfgwin.h>
/* calls vmbus_allocate_mmio( through the header */
int b_probe(struct hv_pcibus_device *h) { return hv_allocate_config_window(h); }
