"""Chinese policy and technology-investment articles in, structured English facts out."""

__version__ = "0.1.0"
