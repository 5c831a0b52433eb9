"""Use cases: each opens one unit of work and commits once."""
