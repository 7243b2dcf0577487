"""One module per resource; each is imported on first use of ``client.<resource>``."""
