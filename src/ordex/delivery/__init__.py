"""Webhook delivery: the HTTP transport (with SSRF checks) and the worker loop."""
