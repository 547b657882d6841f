/if (!start)/d
/start = low_mmio_base;/d
