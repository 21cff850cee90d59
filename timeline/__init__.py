"""timeline: dated events and travel itineraries from news articles."""
__version__ = "0.1.0"
