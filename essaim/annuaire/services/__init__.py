"""The directory's rules, as plain functions (no request objects), split by concept."""
