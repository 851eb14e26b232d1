from breakwell.cli.main import run

run()
