"""The ``impact`` command line: one group, one verb per command, thin over the library."""

from __future__ import annotations

import click

from impact.cli import corpus as _corpus
from impact.cli import dashboard as _dashboard
from impact.cli import extract as _extract

COMMAND_MODULES = (_extract, _corpus, _dashboard)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="impact")
def cli() -> None:
    """Extract humanitarian-impact figures from articles and reports.

    \b
    Example:
      impact extract seeds/*.txt --format table
    """


for _module in COMMAND_MODULES:
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    cli()
