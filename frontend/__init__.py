"""The member mall and the consoles: static files served by the app at `/`."""
