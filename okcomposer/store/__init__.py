"""Storage: drafts, history, settings, keyring."""
