"""The sections the app moves between, and the full screens they open."""
