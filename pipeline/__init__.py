"""News articles in, validated Parquet tables out."""

__version__ = "0.1.0"
