"""The report wizard (工作总结向导) and its pages."""
