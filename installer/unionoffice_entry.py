"""Entry script for the PyInstaller bundle: the same entry as the `unionoffice` command."""

import multiprocessing

from unionoffice.cli import entry

if __name__ == "__main__":
    # A large roster is read by a worker process (io/sheet_worker.py); in the bundle it starts through here.
    multiprocessing.freeze_support()
    entry()
