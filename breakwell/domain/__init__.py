"""Pure rules of breakwell: no I/O, no third-party imports."""
