-- WEI foundation schema. Portable: the same DDL runs on SQLite and PostgreSQL.
-- IDs are UUIDv7 strings made in Go; times are BIGINT Unix milliseconds (UTC);
-- dates are TEXT 'YYYY-MM-DD'; money will be BIGINT minor units.

CREATE TABLE wijken (
    id           TEXT PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    cbs_code     TEXT NOT NULL,
    cbs_year     INTEGER NOT NULL,
    municipality TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    created_at   BIGINT NOT NULL,
    UNIQUE (cbs_code, cbs_year)
);

CREATE TABLE buurten (
    id       TEXT PRIMARY KEY,
    wijk_id  TEXT NOT NULL REFERENCES wijken (id),
    name     TEXT NOT NULL,
    cbs_code TEXT NOT NULL,
    cbs_year INTEGER NOT NULL,
    UNIQUE (cbs_code, cbs_year)
);
CREATE INDEX buurten_wijk ON buurten (wijk_id);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL DEFAULT '',
    locale        TEXT NOT NULL DEFAULT 'nl',
    is_admin      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT NOT NULL,
    last_login_at BIGINT NOT NULL DEFAULT 0,
    erased_at     BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE people (
    id           TEXT PRIMARY KEY,
    wijk_id      TEXT NOT NULL REFERENCES wijken (id),
    buurt_id     TEXT REFERENCES buurten (id),
    display_name TEXT NOT NULL,
    email        TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    user_id      TEXT REFERENCES users (id),
    consent_by   TEXT REFERENCES users (id),
    consent_at   BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    erased_at    BIGINT NOT NULL DEFAULT 0,
    UNIQUE (wijk_id, user_id)
);
CREATE INDEX people_wijk ON people (wijk_id);
CREATE INDEX people_user ON people (user_id);

CREATE TABLE organisations (
    id          TEXT PRIMARY KEY,
    wijk_id     TEXT NOT NULL REFERENCES wijken (id),
    name        TEXT NOT NULL,
    form        TEXT NOT NULL CHECK (form IN ('burgerinitiatief', 'zelfstandig_burgerinitiatief', 'buurtbedrijf', 'wijkcooperatie', 'partner')),
    domain      TEXT NOT NULL DEFAULT '' CHECK (domain IN ('', 'gemeente', 'woningcorporatie', 'welzijn', 'ondernemer', 'onderwijs_wetenschap')),
    description TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    UNIQUE (wijk_id, name)
);

CREATE TABLE memberships (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    person_id       TEXT NOT NULL REFERENCES people (id),
    role            TEXT NOT NULL,
    started_on      TEXT NOT NULL,
    ended_on        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX memberships_org ON memberships (organisation_id);
CREATE INDEX memberships_person ON memberships (person_id);

CREATE TABLE grants (
    id              TEXT PRIMARY KEY,
    user_id         TEXT NOT NULL REFERENCES users (id),
    wijk_id         TEXT NOT NULL REFERENCES wijken (id),
    role            TEXT NOT NULL,
    organisation_id TEXT NOT NULL DEFAULT '',
    created_at      BIGINT NOT NULL,
    UNIQUE (user_id, wijk_id, role, organisation_id)
);
CREATE INDEX grants_wijk ON grants (wijk_id);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    csrf_token   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_tokens (
    id         TEXT PRIMARY KEY,
    email      TEXT NOT NULL,
    link_hash  TEXT NOT NULL UNIQUE,
    code_hash  TEXT NOT NULL,
    signup_name TEXT NOT NULL DEFAULT '',
    signup_wijk TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT NOT NULL DEFAULT 0,
    attempts   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX login_tokens_email ON login_tokens (email);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL DEFAULT 0,
    revoked_at   BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE rate_hits (
    id         TEXT PRIMARY KEY,
    bucket     TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX rate_hits_bucket ON rate_hits (bucket, created_at);

CREATE TABLE outbox (
    id         TEXT PRIMARY KEY,
    to_addr    TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    sent_at    BIGINT NOT NULL DEFAULT 0,
    error      TEXT NOT NULL DEFAULT ''
);

CREATE TABLE audit_log (
    id           TEXT PRIMARY KEY,
    at           BIGINT NOT NULL,
    actor_id     TEXT NOT NULL DEFAULT '',
    wijk_id      TEXT NOT NULL DEFAULT '',
    action       TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    detail       TEXT NOT NULL DEFAULT '',
    request_id   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_wijk ON audit_log (wijk_id, at);
CREATE INDEX audit_log_subject ON audit_log (subject_id);
