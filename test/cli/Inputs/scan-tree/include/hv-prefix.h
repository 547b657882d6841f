/* One piece of the allocator's name, as a macro of its own. */
#define HV_PREFIX vmbus_
