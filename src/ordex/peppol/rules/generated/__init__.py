"""Modules generated from an OpenPeppol rule release."""
