"""`python -m mall` runs the `mall` command."""

from mall.cli import main

main()
