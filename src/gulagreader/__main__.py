"""`python -m gulagreader`."""

from gulagreader.cli import main

raise SystemExit(main())
