/* The wrappers the cross-unit tests define in one unit and call from others. */
#include "pci-hyperv.h"

int hv_wrap_mmio(struct hv_pcibus_device *hbus, resource_size_t min, resource_size_t size);
int hv_wrap_above(struct hv_pcibus_device *hbus, resource_size_t offset);
int hv_wrap_sized(struct hv_pcibus_device *hbus, resource_size_t min);
int hv_wrap_outer(struct hv_pcibus_device *hbus, resource_size_t lo);
int hv_checked_wrap(struct hv_pcibus_device *hbus, resource_size_t min);
int hv_twice_wrap(struct hv_pcibus_device *hbus, resource_size_t min);
int hv_dup_wrap(struct hv_pcibus_device *hbus, resource_size_t min);
int hv_chain1(struct hv_pcibus_device *hbus, resource_size_t min);
int hv_chain2(struct hv_pcibus_device *hbus, resource_size_t min);
int hv_chain3(struct hv_pcibus_device *hbus, resource_size_t min);
int hv_chain4(struct hv_pcibus_device *hbus, resource_size_t min);
int hv_chain5(struct hv_pcibus_device *hbus, resource_size_t min);
