"""Shared test factories, one module per domain."""
