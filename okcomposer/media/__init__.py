"""Media: Pillow prechecks, fixes, upload bodies."""
