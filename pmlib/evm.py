"""Earned value management and earned schedule (PMI Practice Standard for EVM; Lipke)."""
