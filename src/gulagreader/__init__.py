"""GulagReader: an offline reader of accounts of resistance in the Soviet camps."""

__version__ = "0.1.0"
