"""pydolint: a Dockerfile linter that knows Python images."""

__version__ = "0.1.0"
