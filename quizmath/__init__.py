"""quizmath: drill the mathematics of machine learning with spaced repetition."""

__version__ = "0.1.0"
__all__ = ["__version__"]
