"""Units: the county's responsible units, aliases and collective names."""
