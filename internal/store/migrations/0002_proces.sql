-- WEI-proces: initiatives through the four phases, people flowing in,
-- through and out, Action Learning, cooperation. Events are append-only.

ALTER TABLE organisations ADD COLUMN phase TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN phase_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE organisations ADD COLUMN phase_since TEXT NOT NULL DEFAULT '';

CREATE TABLE phase_events (
    id            TEXT PRIMARY KEY,
    wijk_id       TEXT NOT NULL REFERENCES wijken (id),
    initiative_id TEXT NOT NULL REFERENCES organisations (id),
    seq           INTEGER NOT NULL,
    on_date       TEXT NOT NULL,
    from_phase    TEXT NOT NULL,
    to_phase      TEXT NOT NULL,
    reason        TEXT NOT NULL DEFAULT '',
    override      BOOLEAN NOT NULL DEFAULT FALSE,
    by_user       TEXT NOT NULL DEFAULT '',
    recorded_at   BIGINT NOT NULL,
    UNIQUE (initiative_id, seq)
);
CREATE INDEX phase_events_wijk ON phase_events (wijk_id, on_date);

CREATE TABLE criteria (
    id       TEXT PRIMARY KEY,
    wijk_id  TEXT NOT NULL REFERENCES wijken (id),
    phase    TEXT NOT NULL,
    text     TEXT NOT NULL,
    required BOOLEAN NOT NULL DEFAULT FALSE,
    position INTEGER NOT NULL,
    retired  BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX criteria_wijk ON criteria (wijk_id, phase, position);

CREATE TABLE criterion_checks (
    initiative_id TEXT NOT NULL REFERENCES organisations (id),
    criterion_id  TEXT NOT NULL REFERENCES criteria (id),
    evidence      TEXT NOT NULL,
    by_user       TEXT NOT NULL DEFAULT '',
    at            BIGINT NOT NULL,
    PRIMARY KEY (initiative_id, criterion_id)
);

CREATE TABLE form_events (
    id            TEXT PRIMARY KEY,
    initiative_id TEXT NOT NULL REFERENCES organisations (id),
    on_date       TEXT NOT NULL,
    from_form     TEXT NOT NULL,
    to_form       TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    by_user       TEXT NOT NULL DEFAULT '',
    recorded_at   BIGINT NOT NULL
);
CREATE INDEX form_events_initiative ON form_events (initiative_id);

CREATE TABLE people_events (
    id                 TEXT PRIMARY KEY,
    wijk_id            TEXT NOT NULL REFERENCES wijken (id),
    person_id          TEXT NOT NULL REFERENCES people (id),
    initiative_id      TEXT NOT NULL REFERENCES organisations (id),
    membership_id      TEXT NOT NULL,
    from_membership_id TEXT NOT NULL DEFAULT '',
    kind               TEXT NOT NULL CHECK (kind IN ('instroom', 'doorstroom', 'uitstroom')),
    role               TEXT NOT NULL,
    phase              TEXT NOT NULL,
    on_date            TEXT NOT NULL,
    reason             TEXT NOT NULL DEFAULT '',
    by_user            TEXT NOT NULL DEFAULT '',
    recorded_at        BIGINT NOT NULL
);
CREATE INDEX people_events_wijk ON people_events (wijk_id, on_date);
CREATE INDEX people_events_person ON people_events (person_id);

CREATE TABLE reflections (
    id            TEXT PRIMARY KEY,
    initiative_id TEXT NOT NULL REFERENCES organisations (id),
    on_date       TEXT NOT NULL,
    went_well     TEXT NOT NULL,
    learned       TEXT NOT NULL,
    next_action   TEXT NOT NULL,
    by_user       TEXT NOT NULL DEFAULT '',
    recorded_at   BIGINT NOT NULL
);
CREATE INDEX reflections_initiative ON reflections (initiative_id, on_date);

CREATE TABLE reflection_participants (
    reflection_id TEXT NOT NULL REFERENCES reflections (id),
    person_id     TEXT NOT NULL REFERENCES people (id),
    PRIMARY KEY (reflection_id, person_id)
);
CREATE INDEX reflection_participants_person ON reflection_participants (person_id);

CREATE TABLE learning_sessions (
    id            TEXT PRIMARY KEY,
    wijk_id       TEXT NOT NULL REFERENCES wijken (id),
    initiative_id TEXT REFERENCES organisations (id),
    kind          TEXT NOT NULL CHECK (kind IN ('training', 'coaching')),
    title         TEXT NOT NULL,
    on_date       TEXT NOT NULL,
    skills        TEXT NOT NULL DEFAULT '',
    by_user       TEXT NOT NULL DEFAULT '',
    recorded_at   BIGINT NOT NULL
);
CREATE INDEX learning_sessions_wijk ON learning_sessions (wijk_id, on_date);

CREATE TABLE session_attendees (
    session_id TEXT NOT NULL REFERENCES learning_sessions (id),
    person_id  TEXT NOT NULL REFERENCES people (id),
    PRIMARY KEY (session_id, person_id)
);
CREATE INDEX session_attendees_person ON session_attendees (person_id);

CREATE TABLE cooperations (
    id            TEXT PRIMARY KEY,
    wijk_id       TEXT NOT NULL REFERENCES wijken (id),
    partner_id    TEXT NOT NULL REFERENCES organisations (id),
    initiative_id TEXT NOT NULL REFERENCES organisations (id),
    what          TEXT NOT NULL DEFAULT '',
    since         TEXT NOT NULL,
    until         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cooperations_wijk ON cooperations (wijk_id);

CREATE TABLE coop_memberships (
    id        TEXT PRIMARY KEY,
    coop_id   TEXT NOT NULL REFERENCES organisations (id),
    member_id TEXT NOT NULL REFERENCES organisations (id),
    joined_on TEXT NOT NULL,
    left_on   TEXT NOT NULL DEFAULT '',
    shares    INTEGER NOT NULL DEFAULT 0,
    fee_cents BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX coop_memberships_coop ON coop_memberships (coop_id);

CREATE TABLE guide_texts (
    wijk_id TEXT NOT NULL REFERENCES wijken (id),
    phase   TEXT NOT NULL,
    lang    TEXT NOT NULL,
    field   TEXT NOT NULL,
    text    TEXT NOT NULL,
    PRIMARY KEY (wijk_id, phase, lang, field)
);
