/* Names no allocator, so the audit must not compile it: */
#error "this unit must not be compiled"
