"""Database backstops for the two rules ``save()`` enforces, for writes that bypass it
(``bulk_create``, ``QuerySet.update``, raw SQL, other clients of the database):

* a source's ``sha256`` is always the hash of its body, whatever was written to it;
* a quote is always verbatim: ``substring(body, start + 1, end - start) = text``, checked when a
  quote is written and when a body that quotes point into is changed.

Plain PL/pgSQL, available on every managed PostgreSQL service.
"""

from django.db import migrations

FORWARD = r"""
CREATE FUNCTION sources_source_hash_body() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.sha256 := CASE WHEN NEW.body = '' THEN ''
                       ELSE encode(sha256(convert_to(NEW.body, 'UTF8')), 'hex') END;
    RETURN NEW;
END $$;

CREATE TRIGGER sources_source_hash_body
    BEFORE INSERT OR UPDATE ON sources_source
    FOR EACH ROW EXECUTE FUNCTION sources_source_hash_body();

CREATE FUNCTION sources_quote_check_verbatim() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    span text;
BEGIN
    SELECT substring(body FROM NEW.start + 1 FOR NEW."end" - NEW.start) INTO span
        FROM sources_source WHERE id = NEW.source_id;
    IF span IS DISTINCT FROM NEW.text OR NEW."end" > (
        SELECT char_length(body) FROM sources_source WHERE id = NEW.source_id
    ) THEN
        RAISE EXCEPTION 'quote is not verbatim: body[%:%] of source % differs from its text',
            NEW.start, NEW."end", NEW.source_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'sources_quote_verbatim';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER sources_quote_check_verbatim
    BEFORE INSERT OR UPDATE ON sources_quote
    FOR EACH ROW EXECUTE FUNCTION sources_quote_check_verbatim();

CREATE FUNCTION sources_source_keep_quotes_verbatim() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    broken bigint;
BEGIN
    SELECT q.id INTO broken FROM sources_quote q
        WHERE q.source_id = NEW.id
          AND substring(NEW.body FROM q.start + 1 FOR q."end" - q.start) IS DISTINCT FROM q.text
        LIMIT 1;
    IF broken IS NOT NULL THEN
        RAISE EXCEPTION 'changing the body of source % would break quote %', NEW.id, broken
            USING ERRCODE = 'check_violation', CONSTRAINT = 'sources_quote_verbatim';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER sources_source_keep_quotes_verbatim
    AFTER UPDATE OF body ON sources_source
    FOR EACH ROW WHEN (OLD.body IS DISTINCT FROM NEW.body)
    EXECUTE FUNCTION sources_source_keep_quotes_verbatim();
"""

BACKWARD = """
DROP TRIGGER sources_source_keep_quotes_verbatim ON sources_source;
DROP FUNCTION sources_source_keep_quotes_verbatim();
DROP TRIGGER sources_quote_check_verbatim ON sources_quote;
DROP FUNCTION sources_quote_check_verbatim();
DROP TRIGGER sources_source_hash_body ON sources_source;
DROP FUNCTION sources_source_hash_body();
"""


class Migration(migrations.Migration):
    dependencies = [("sources", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
