-- Facts a young person chose not to tell the bot ("Rather not say"), so it does not ask again: the names
-- of the facts (lives_in_area, activity, parent), separated by spaces.
ALTER TABLE self_reported ADD COLUMN not_said TEXT NOT NULL DEFAULT '';
