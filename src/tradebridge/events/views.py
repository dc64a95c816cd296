"""Pages of this app: parse, check access, call a service, render."""
