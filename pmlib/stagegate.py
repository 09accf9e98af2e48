"""Stage-gate governance: gates, scorecards, Go/Kill/Hold/Recycle, ECV, pipeline funnel (Cooper)."""
