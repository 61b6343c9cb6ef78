"""Accounts: the switcher, signing in with OK, the session's expiry and the sandbox's demo user."""
