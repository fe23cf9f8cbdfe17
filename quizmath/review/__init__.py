"""The study service the commands call: today's queue, instances, answers, status and audits.

It joins the store, the scheduler, the decks and (lazily) the question templates, so the
commands stay thin and everything here can be tested without a terminal.
"""
