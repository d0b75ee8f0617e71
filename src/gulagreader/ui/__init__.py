"""The desktop reader: thin PySide6 widgets and models over the core services."""
