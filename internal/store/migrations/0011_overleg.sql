-- Leefomgevingsoverleg: series of meetings with an independent chair, the
-- organisations taking part and their attendance, the agenda, decisions,
-- action items that carry over until done, the subscribers of the periodic
-- report and the periods whose report was sent. Portable: the same DDL runs
-- on SQLite and PostgreSQL. Times are BIGINT Unix milliseconds (UTC), dates
-- TEXT 'YYYY-MM-DD'. Signals and buurten are referred to by ID without a
-- foreign key: a signal may be deleted by retention while the agenda item
-- and the action that came from it stay.

CREATE TABLE overleg_series (
    id              TEXT PRIMARY KEY,
    wijk_id         TEXT NOT NULL REFERENCES wijken (id),
    name            TEXT NOT NULL,
    chair_user_id   TEXT NOT NULL REFERENCES users (id),
    cadence         TEXT NOT NULL CHECK (cadence IN ('week', '2weeks', '4weeks', 'month', '6weeks', 'quarter')),
    report_every    TEXT NOT NULL CHECK (report_every IN ('week', 'month')),
    stale_weeks     INTEGER NOT NULL DEFAULT 4 CHECK (stale_weeks BETWEEN 1 AND 52),
    feed_token_hash TEXT NOT NULL DEFAULT '',
    created_by      TEXT NOT NULL DEFAULT '',
    created_at      BIGINT NOT NULL,
    UNIQUE (wijk_id, name)
);
CREATE INDEX overleg_series_feed ON overleg_series (feed_token_hash);

CREATE TABLE overleg_subscribers (
    series_id  TEXT NOT NULL REFERENCES overleg_series (id),
    email      TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    PRIMARY KEY (series_id, email)
);

CREATE TABLE overleg_meetings (
    id                 TEXT PRIMARY KEY,
    series_id          TEXT NOT NULL REFERENCES overleg_series (id),
    wijk_id            TEXT NOT NULL REFERENCES wijken (id),
    starts_at          BIGINT NOT NULL,
    ends_at            BIGINT NOT NULL,
    place              TEXT NOT NULL DEFAULT '',
    agenda_prepared_at BIGINT NOT NULL DEFAULT 0,
    created_by         TEXT NOT NULL DEFAULT '',
    created_at         BIGINT NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX overleg_meetings_series ON overleg_meetings (series_id, starts_at);
CREATE INDEX overleg_meetings_wijk ON overleg_meetings (wijk_id);

-- The organisations invited to a meeting and whether they came.
CREATE TABLE overleg_participants (
    meeting_id      TEXT NOT NULL REFERENCES overleg_meetings (id),
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    attendance      TEXT NOT NULL DEFAULT 'unknown' CHECK (attendance IN ('unknown', 'present', 'absent', 'excused')),
    PRIMARY KEY (meeting_id, organisation_id)
);

-- source_key names where an item came from (action:<id>, signal:<id>,
-- group:<id>, overlap:<theme>|<buurt>, manual:<id>): preparing the agenda
-- again adds only what is not on it yet, and an item the chair removed
-- stays removed.
CREATE TABLE overleg_agenda_items (
    id         TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES overleg_meetings (id),
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('action', 'signal_new', 'signal_open', 'overlap', 'other')),
    title      TEXT NOT NULL,
    source_key TEXT NOT NULL,
    signal_id  TEXT NOT NULL DEFAULT '',
    related    INTEGER NOT NULL DEFAULT 0,
    action_id  TEXT NOT NULL DEFAULT '',
    theme      TEXT NOT NULL DEFAULT '',
    buurt_id   TEXT NOT NULL DEFAULT '',
    org_ids    TEXT NOT NULL DEFAULT '',
    removed    BOOLEAN NOT NULL DEFAULT FALSE,
    created_by TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    UNIQUE (meeting_id, source_key)
);
CREATE INDEX overleg_agenda_meeting ON overleg_agenda_items (meeting_id, position);

CREATE TABLE overleg_decisions (
    id             TEXT PRIMARY KEY,
    meeting_id     TEXT NOT NULL REFERENCES overleg_meetings (id),
    agenda_item_id TEXT REFERENCES overleg_agenda_items (id),
    text           TEXT NOT NULL,
    created_by     TEXT NOT NULL DEFAULT '',
    created_at     BIGINT NOT NULL
);
CREATE INDEX overleg_decisions_meeting ON overleg_decisions (meeting_id);

-- An action item: who (an organisation, optionally with a contact person
-- and other organisations that work on it together), what and by when.
CREATE TABLE overleg_actions (
    id              TEXT PRIMARY KEY,
    series_id       TEXT NOT NULL REFERENCES overleg_series (id),
    wijk_id         TEXT NOT NULL REFERENCES wijken (id),
    meeting_id      TEXT NOT NULL REFERENCES overleg_meetings (id),
    agenda_item_id  TEXT REFERENCES overleg_agenda_items (id),
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    person          TEXT NOT NULL DEFAULT '',
    what            TEXT NOT NULL,
    due_on          TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
    signal_id       TEXT NOT NULL DEFAULT '',
    theme           TEXT NOT NULL DEFAULT '',
    buurt_id        TEXT NOT NULL DEFAULT '',
    closed_by       TEXT NOT NULL DEFAULT '',
    closed_at       BIGINT NOT NULL DEFAULT 0,
    created_by      TEXT NOT NULL DEFAULT '',
    created_at      BIGINT NOT NULL
);
CREATE INDEX overleg_actions_series ON overleg_actions (series_id, status);
CREATE INDEX overleg_actions_wijk ON overleg_actions (wijk_id);

CREATE TABLE overleg_action_orgs (
    action_id       TEXT NOT NULL REFERENCES overleg_actions (id),
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (action_id, organisation_id)
);

-- One row per series and period whose report went out: the primary key
-- makes sure that of several instances only one sends it.
CREATE TABLE overleg_report_sends (
    series_id  TEXT NOT NULL REFERENCES overleg_series (id),
    period     TEXT NOT NULL,
    claimed_at BIGINT NOT NULL,
    sent_at    BIGINT NOT NULL DEFAULT 0,
    recipients INTEGER NOT NULL DEFAULT 0,
    error      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (series_id, period)
);
