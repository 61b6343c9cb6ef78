"""A local emulator of the OK API for trying the app and for tests."""
