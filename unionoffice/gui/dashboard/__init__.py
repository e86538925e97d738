"""The start page's parts: small charts drawn with QPainter, the to-do list, the removable-drive offer."""
