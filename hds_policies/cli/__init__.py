"""Helpers shared by every `hds-policies` command: exit codes and error handling (exits), output
files and formats (output, formats), settings discovery and check selection options (options,
selection), progress on stderr (progress). Command modules import these; nothing here imports a command."""
