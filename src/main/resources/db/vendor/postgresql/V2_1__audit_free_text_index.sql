-- PostgreSQL only (H2 has no trigram indexes): makes the audit page's free-text filter, a
-- "search_text LIKE '%term%'", an index lookup instead of a scan. pg_trgm is a trusted extension (PostgreSQL 13+):
-- the database owner may create it without superuser rights. An extension exists once per database, in one schema,
-- which need not be on this schema's search path: the operator class is named with the schema it is in.
create extension if not exists pg_trgm;

do $$
declare
    trgm_schema text;
begin
    select n.nspname into trgm_schema
    from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where e.extname = 'pg_trgm';
    execute format('create index audit_record_search_trgm_ix on audit_record using gin (search_text %I.gin_trgm_ops)',
                   trgm_schema);
end
$$;
