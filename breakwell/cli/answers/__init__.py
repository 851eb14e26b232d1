"""The bodies of the commands the front answers (cli/front.py), shared with click's."""
