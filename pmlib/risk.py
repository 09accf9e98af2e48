"""Risk: expected monetary value, decision trees, probability-impact, risk-register Monte Carlo."""
