"""Test tooling: browsers, the nginx host, search evaluation, the built site (not part of the zhkb package)."""
