"""The browser companion: its native messaging host, its install, and where its extension is."""
