"""The bodies of the commands the front answers (cli/front.py), shared with click's commands.

Each body imports what it alone needs inside itself: a module holds several commands, and a
quick command would otherwise pay for loading its neighbours' code.
"""
