"""Activity networks: critical path method, PERT and Monte Carlo schedule risk."""
