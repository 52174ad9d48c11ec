"""Statutory deadlines and reminders: pure rules, the sweep that queues reminders, the outbox dispatcher."""
