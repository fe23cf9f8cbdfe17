"""Study plans: the plan files, following one, today's agenda, progress and mastery.

Nothing here needs SymPy or NumPy: ``quizmath plan`` starts as fast as ``quizmath status``.
"""
