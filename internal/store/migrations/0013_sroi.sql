-- Impact: SROI analyses per initiative and per wijk (see the sroi package).
--
-- sroi_settings: a wijk's defaults for new analyses (the hourly rate of
-- volunteer time in cents, the discount rate in basis points). Its row is
-- made together with the wijk's proxy library, the first time the wijk's
-- impact pages open, so that the library is seeded once.
--
-- sroi_proxies: the wijk's library of financial proxies, seeded from
-- sroi.DefaultProxies and editable. id is the entry's code: the default
-- entries keep theirs ("wml-uur"), new ones get a generated ID. A proxy
-- always has a source. Outcomes hold a copy, so an edit of the library
-- never changes a finished analysis.
--
-- sroi_analyses: an impact map over a period, of one initiative (scope
-- 'initiative', initiative_id set) or of the wijk (scope 'wijk'); subject
-- is the initiative's ID or 'wijk', so that a subject has one analysis per
-- period. money_stakeholder_id and time_stakeholder_id name the
-- stakeholder that contributed the money and the volunteer time read from
-- the wijkboekhouding ('' for none). Dates are 'YYYY-MM-DD', percentages
-- basis points (2500 = 25%), money cents; times BIGINT Unix milliseconds.
--
-- sroi_stakeholders, sroi_inputs, sroi_outputs and sroi_outcomes: the items
-- of an analysis, in the order of position. Inputs here are the ones
-- entered by hand; the money and time of the books are read when the
-- analysis is shown.

CREATE TABLE sroi_settings (
    wijk_id           TEXT PRIMARY KEY REFERENCES wijken (id),
    hourly_rate_cents BIGINT NOT NULL CHECK (hourly_rate_cents >= 0),
    discount_rate_bp  INTEGER NOT NULL CHECK (discount_rate_bp BETWEEN 0 AND 10000),
    updated_by        TEXT NOT NULL DEFAULT '',
    updated_at        BIGINT NOT NULL
);

CREATE TABLE sroi_proxies (
    wijk_id     TEXT NOT NULL REFERENCES wijken (id),
    id          TEXT NOT NULL,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    value_cents BIGINT NOT NULL CHECK (value_cents > 0),
    unit        TEXT NOT NULL,
    source      TEXT NOT NULL CHECK (source <> ''),
    url         TEXT NOT NULL DEFAULT '',
    year        INTEGER NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    updated_by  TEXT NOT NULL DEFAULT '',
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (wijk_id, id)
);

CREATE TABLE sroi_analyses (
    id                   TEXT PRIMARY KEY,
    wijk_id              TEXT NOT NULL REFERENCES wijken (id),
    scope                TEXT NOT NULL CHECK (scope IN ('initiative', 'wijk')),
    initiative_id        TEXT REFERENCES organisations (id),
    subject              TEXT NOT NULL,
    title                TEXT NOT NULL,
    from_date            TEXT NOT NULL,
    to_date              TEXT NOT NULL,
    discount_rate_bp     INTEGER NOT NULL CHECK (discount_rate_bp BETWEEN 0 AND 10000),
    hourly_rate_cents    BIGINT NOT NULL CHECK (hourly_rate_cents >= 0),
    money_stakeholder_id TEXT NOT NULL DEFAULT '',
    time_stakeholder_id  TEXT NOT NULL DEFAULT '',
    created_by           TEXT NOT NULL DEFAULT '',
    created_at           BIGINT NOT NULL,
    updated_by           TEXT NOT NULL DEFAULT '',
    updated_at           BIGINT NOT NULL,
    UNIQUE (wijk_id, subject, from_date, to_date)
);

CREATE TABLE sroi_stakeholders (
    id          TEXT PRIMARY KEY,
    analysis_id TEXT NOT NULL REFERENCES sroi_analyses (id),
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    domain      TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sroi_stakeholders_analysis ON sroi_stakeholders (analysis_id, position);

CREATE TABLE sroi_inputs (
    id             TEXT PRIMARY KEY,
    analysis_id    TEXT NOT NULL REFERENCES sroi_analyses (id),
    position       INTEGER NOT NULL,
    stakeholder_id TEXT REFERENCES sroi_stakeholders (id),
    kind           TEXT NOT NULL CHECK (kind IN ('money', 'time', 'in_kind')),
    description    TEXT NOT NULL,
    amount_cents   BIGINT NOT NULL DEFAULT 0 CHECK (amount_cents >= 0),
    minutes        BIGINT NOT NULL DEFAULT 0 CHECK (minutes >= 0),
    source         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sroi_inputs_analysis ON sroi_inputs (analysis_id, position);

CREATE TABLE sroi_outputs (
    id             TEXT PRIMARY KEY,
    analysis_id    TEXT NOT NULL REFERENCES sroi_analyses (id),
    position       INTEGER NOT NULL,
    stakeholder_id TEXT REFERENCES sroi_stakeholders (id),
    description    TEXT NOT NULL,
    quantity       BIGINT NOT NULL CHECK (quantity >= 0),
    unit           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sroi_outputs_analysis ON sroi_outputs (analysis_id, position);

CREATE TABLE sroi_outcomes (
    id                  TEXT PRIMARY KEY,
    analysis_id         TEXT NOT NULL REFERENCES sroi_analyses (id),
    position            INTEGER NOT NULL,
    stakeholder_id      TEXT NOT NULL REFERENCES sroi_stakeholders (id),
    output_id           TEXT REFERENCES sroi_outputs (id),
    description         TEXT NOT NULL,
    indicator           TEXT NOT NULL,
    indicator_source    TEXT NOT NULL DEFAULT '',
    quantity            BIGINT NOT NULL CHECK (quantity >= 0),
    duration_years      INTEGER NOT NULL CHECK (duration_years >= 1),
    proxy_id            TEXT NOT NULL DEFAULT '',
    proxy_name          TEXT NOT NULL,
    proxy_value_cents   BIGINT NOT NULL CHECK (proxy_value_cents > 0),
    proxy_unit          TEXT NOT NULL,
    proxy_source        TEXT NOT NULL CHECK (proxy_source <> ''),
    proxy_url           TEXT NOT NULL DEFAULT '',
    proxy_year          INTEGER NOT NULL,
    proxy_note          TEXT NOT NULL DEFAULT '',
    deadweight_bp       INTEGER NOT NULL CHECK (deadweight_bp BETWEEN 0 AND 10000),
    displacement_bp     INTEGER NOT NULL CHECK (displacement_bp BETWEEN 0 AND 10000),
    attribution_bp      INTEGER NOT NULL CHECK (attribution_bp BETWEEN 0 AND 10000),
    drop_off_bp         INTEGER NOT NULL CHECK (drop_off_bp BETWEEN 0 AND 10000),
    deadweight_source   TEXT NOT NULL DEFAULT '',
    displacement_source TEXT NOT NULL DEFAULT '',
    attribution_source  TEXT NOT NULL DEFAULT '',
    drop_off_source     TEXT NOT NULL DEFAULT '',
    negative            BOOLEAN NOT NULL DEFAULT FALSE,
    shared_key          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sroi_outcomes_analysis ON sroi_outcomes (analysis_id, position);
