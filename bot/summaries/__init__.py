"""Managers' figures: caseloads, deadlines, return home interviews, outcomes and the passport.

Every figure is a pure function of facts read from the store and ``now``, so tests can build a small
service by hand and check each number. ``bot.services.summary`` reads the facts and checks who may see them.
"""
