"""The documentation site (a package only so that pytest imports docs/conftest.py as ``docs.conftest``,
keeping it apart from tests/conftest.py)."""
