"""A public model the archive's code has never heard of, for the freshness tests."""
