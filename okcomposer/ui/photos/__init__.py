"""Photos: the grid (add, drop, paste, reorder), thumbnails and prechecks off-thread, the Moments tab."""
