if __name__ == "__main__":  # not when a spawned worker process imports the main module (as __mp_main__)
    from unionoffice.cli import entry

    entry()
