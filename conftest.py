"""Root pytest configuration: a headless matplotlib for doctests and tests alike."""

import os

os.environ.setdefault("MPLBACKEND", "Agg")
