"""命令行入口 — ``python -m poverty_procurement`` runs the command line."""

from .cli import main

raise SystemExit(main())
