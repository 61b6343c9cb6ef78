"""When posts go out: the calendar, posting slots, and the outbox runner that sends page posts when due."""
