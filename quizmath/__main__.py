"""Allow ``python -m quizmath``."""

from quizmath.cli import main

main()
