from breakwell.cli.front import run

run()
