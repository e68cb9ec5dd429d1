-- Signalen: problem signals by theme and buurt with their history, house
-- visits (intakes), the who-does-what register (sociale kaart) and the
-- retention periods of personal data. Portable DDL for both engines.
-- Points are stored as integer micro-degrees (WGS84), never as floats.

CREATE TABLE signal_themes (
    wijk_id  TEXT NOT NULL REFERENCES wijken (id),
    theme    TEXT NOT NULL,
    label    TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    archived BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (wijk_id, theme)
);

CREATE TABLE visits (
    id                 TEXT PRIMARY KEY,
    wijk_id            TEXT NOT NULL REFERENCES wijken (id),
    buurt_id           TEXT NOT NULL REFERENCES buurten (id),
    person_id          TEXT REFERENCES people (id),
    visited_on         TEXT NOT NULL,
    postcode           TEXT NOT NULL DEFAULT '',
    house_number       INTEGER NOT NULL DEFAULT 0,
    consent_how        TEXT NOT NULL CHECK (consent_how IN ('written', 'verbal')),
    consent_by         TEXT NOT NULL REFERENCES users (id),
    consent_at         BIGINT NOT NULL,
    score_safety       INTEGER NOT NULL DEFAULT 0 CHECK (score_safety BETWEEN 0 AND 5),
    score_contact      INTEGER NOT NULL DEFAULT 0 CHECK (score_contact BETWEEN 0 AND 5),
    score_green        INTEGER NOT NULL DEFAULT 0 CHECK (score_green BETWEEN 0 AND 5),
    score_housing      INTEGER NOT NULL DEFAULT 0 CHECK (score_housing BETWEEN 0 AND 5),
    score_facilities   INTEGER NOT NULL DEFAULT 0 CHECK (score_facilities BETWEEN 0 AND 5),
    ideas              TEXT NOT NULL DEFAULT '',
    wants_to_help      BOOLEAN NOT NULL DEFAULT FALSE,
    help_with          TEXT NOT NULL DEFAULT '',
    initiative_id      TEXT REFERENCES organisations (id),
    note               TEXT NOT NULL DEFAULT '',
    recorded_by        TEXT NOT NULL REFERENCES users (id),
    created_at         BIGINT NOT NULL,
    personal_erased_at BIGINT NOT NULL DEFAULT 0,
    notes_erased_at    BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX visits_wijk ON visits (wijk_id, visited_on);
CREATE INDEX visits_person ON visits (person_id);

CREATE TABLE visit_problems (
    visit_id TEXT NOT NULL REFERENCES visits (id),
    theme    TEXT NOT NULL,
    PRIMARY KEY (visit_id, theme)
);

CREATE TABLE signals (
    id                 TEXT PRIMARY KEY,
    wijk_id            TEXT NOT NULL REFERENCES wijken (id),
    buurt_id           TEXT NOT NULL REFERENCES buurten (id),
    theme              TEXT NOT NULL,
    urgency            TEXT NOT NULL CHECK (urgency IN ('low', 'normal', 'high', 'acute')),
    status             TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'solved', 'rejected')),
    source             TEXT NOT NULL CHECK (source IN ('resident', 'visit', 'partner')),
    title              TEXT NOT NULL,
    note               TEXT NOT NULL DEFAULT '',
    postcode           TEXT NOT NULL DEFAULT '',
    house_number       INTEGER NOT NULL DEFAULT 0,
    lon_e6             BIGINT,
    lat_e6             BIGINT,
    group_id           TEXT NOT NULL DEFAULT '',
    person_id          TEXT REFERENCES people (id),
    reporter_user_id   TEXT REFERENCES users (id),
    reporter_contact   TEXT NOT NULL DEFAULT '',
    visit_id           TEXT REFERENCES visits (id),
    organisation_id    TEXT REFERENCES organisations (id),
    reject_reason      TEXT NOT NULL DEFAULT '',
    created_by         TEXT NOT NULL DEFAULT '',
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    solved_at          BIGINT NOT NULL DEFAULT 0,
    personal_erased_at BIGINT NOT NULL DEFAULT 0,
    notes_erased_at    BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX signals_wijk_created ON signals (wijk_id, created_at);
CREATE INDEX signals_wijk_status ON signals (wijk_id, status);
CREATE INDEX signals_group ON signals (group_id);
CREATE INDEX signals_reporter ON signals (reporter_user_id);
CREATE INDEX signals_visit ON signals (visit_id);

CREATE TABLE signal_events (
    id          TEXT PRIMARY KEY,
    signal_id   TEXT NOT NULL REFERENCES signals (id),
    at          BIGINT NOT NULL,
    actor_id    TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL,
    from_status TEXT NOT NULL DEFAULT '',
    to_status   TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX signal_events_signal ON signal_events (signal_id, at);

CREATE TABLE register_entries (
    id              TEXT PRIMARY KEY,
    wijk_id         TEXT NOT NULL REFERENCES wijken (id),
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    theme           TEXT NOT NULL,
    buurt_id        TEXT REFERENCES buurten (id),
    contact_name    TEXT NOT NULL DEFAULT '',
    contact_role    TEXT NOT NULL DEFAULT '',
    contact_phone   TEXT NOT NULL DEFAULT '',
    contact_email   TEXT NOT NULL DEFAULT '',
    created_by      TEXT NOT NULL DEFAULT '',
    created_at      BIGINT NOT NULL
);
CREATE INDEX register_entries_wijk ON register_entries (wijk_id, theme);
CREATE INDEX register_entries_org ON register_entries (organisation_id);

CREATE TABLE signal_retention (
    wijk_id  TEXT NOT NULL REFERENCES wijken (id),
    category TEXT NOT NULL,
    days     INTEGER NOT NULL CHECK (days > 0),
    PRIMARY KEY (wijk_id, category)
);
