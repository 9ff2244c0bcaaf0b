"""Rules of calls for applications, as plain functions (no request objects)."""
