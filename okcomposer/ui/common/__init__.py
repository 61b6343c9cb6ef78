"""What every feature shares: the context, the one way to run work off the GUI thread, theme and words."""
