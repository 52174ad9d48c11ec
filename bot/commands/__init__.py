"""``carebot`` subcommands, one module each. Every module has ``register(subparsers)``."""
