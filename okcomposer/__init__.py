"""okcomposer: compose and publish posts and Moments to OK.ru."""

__version__ = "0.1.0"
