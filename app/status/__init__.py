"""Status: the return rule, the per-indicator progress, the self-check and the dashboard figures."""
