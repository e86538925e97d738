"""UnionOffice (工会办公助手): offline office software for a base-level trade union."""

__version__ = "0.1.0"
