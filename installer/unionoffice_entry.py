"""Entry script for the PyInstaller bundle: the same `main` as the `unionoffice` command."""

from unionoffice.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
