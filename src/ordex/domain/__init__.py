"""The ordex domain: plain Python, no web, database or XML library."""
