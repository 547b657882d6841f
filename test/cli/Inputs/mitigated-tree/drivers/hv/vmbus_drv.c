/* vmbus_reserve_fb() as 016a25e4b0df left it (abridged): the framebuffer is reserved even when lfb_base is 0. */
static void vmbus_reserve_fb(void)
{
	resource_size_t start = 0, size;
	resource_size_t low_mmio_base;

	if (efi_enabled(EFI_BOOT)) {
		start = screen_info.lfb_base;
		size = max_t(__u32, screen_info.lfb_size, 0x800000);

		low_mmio_base = hyperv_mmio->start;
		if (!low_mmio_base || upper_32_bits(low_mmio_base) ||
		    (start && start < low_mmio_base)) {
			pr_warn("Unexpected low mmio base %pa\n", &low_mmio_base);
		} else {
			if (!start)
				start = low_mmio_base;
			size = min((SZ_4G - start) / 2, SZ_128M);
		}
	}
}
