"""Use cases: publish, moments, drafts, accounts (Qt-free)."""
