"""The `breakwell` command. Heavy modules load only inside the commands that need them."""
