-- PostgreSQL only (H2 has no trigram indexes): makes the audit page's free-text filter, a
-- "search_text LIKE '%term%'", an index lookup instead of a scan. pg_trgm is a trusted extension (PostgreSQL 13+):
-- the database owner may create it without superuser rights.
create extension if not exists pg_trgm;
create index audit_record_search_trgm_ix on audit_record using gin (search_text gin_trgm_ops);
