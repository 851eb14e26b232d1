"""The dialogs opened over a screen: each asks for one thing and closes."""
