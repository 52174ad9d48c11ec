-- Urgent messages (crisis alerts and hand-offs to a person) go before routine reminders whatever the
-- backlog: the dispatcher reads them first, through an index of their own. Which kinds are urgent is
-- decided in code when a row is queued (bot.models.is_urgent), and rows queued before now are marked here
-- the same way.
ALTER TABLE outbox ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1));
UPDATE outbox SET urgent = 1 WHERE kind LIKE 'crisis%' OR kind LIKE 'handoff%';
CREATE INDEX outbox_urgent_pending ON outbox (due_at)
    WHERE sent_at IS NULL AND cancelled_at IS NULL AND urgent = 1;
