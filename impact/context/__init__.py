"""Context stages: what is counted, its category, the place and who gave the figure."""
