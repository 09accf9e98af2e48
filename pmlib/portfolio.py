"""Portfolio prioritisation, optimal selection, efficient frontier, balance and what-if."""
