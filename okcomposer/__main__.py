"""`python -m okcomposer` runs the command line."""

from okcomposer.cli import main

raise SystemExit(main())
