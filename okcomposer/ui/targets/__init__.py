"""Where a post goes: my page or a group and its options, and one draft to many targets."""
