-- The deadline rules look up each young person's latest visit (for council-provided accommodation) as
-- well as their latest contact of any kind; with the method in the index, both are index-only lookups.
CREATE INDEX contacts_person_method ON contacts (young_person_id, method, contacted_on);
