"""Enforcement: the scheduler engine, the daemon, notifications and blocking."""
